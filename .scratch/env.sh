export PYTHONPATH=/work/wt/canteen/.venv/lib/python3.11/site-packages:/work/wt/canteen/src
P=/root/.pyenv/versions/3.11.7/bin/python
