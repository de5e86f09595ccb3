import time
from schoollogistics.testing.canteen import simulate_canteen
from schoollogistics.canteen import audit_canteen
from schoollogistics.core.time import DateRange
c, sd = simulate_canteen(days=22, handlers=6, pupils=40)
log=c.log(); p=DateRange(sd.days[0], sd.days[-1])
for check in __import__('schoollogistics.canteen', fromlist=['x']).DEFAULT_CHECKS:
    t=time.process_time()
    for _ in range(50): audit_canteen(log, c.policy, p, serving_days=sd, checks=(check,))
    print(check.__name__, round((time.process_time()-t)/50*1000, 3), 'ms')
t=time.process_time()
for _ in range(50): f=audit_canteen(log, c.policy, p, serving_days=sd)
t1=time.process_time(); print('all', (t1-t)/50*1000, 'ms', 'rec/s', int(log.size*50/(t1-t)), len(f))
