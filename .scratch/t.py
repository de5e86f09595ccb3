import sys, time
print("start", flush=True)
from schoollogistics.testing.canteen import simulate_canteen
print("imported", flush=True)
c, sd = simulate_canteen(days=22, handlers=6, pupils=40)
print("built", flush=True)
