import cProfile, pstats, sys
from schoollogistics.testing.canteen import simulate_canteen
from schoollogistics.canteen import audit_canteen
from schoollogistics.core.time import DateRange
c, sd = simulate_canteen(days=22, handlers=6, pupils=40)
log=c.log(); p=DateRange(sd.days[0], sd.days[-1])
pr=cProfile.Profile(); pr.enable()
for _ in range(20): audit_canteen(log, c.policy, p, serving_days=sd)
pr.disable()
pstats.Stats(pr, stream=sys.stderr).sort_stats('tottime').print_stats(22)
