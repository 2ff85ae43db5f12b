"""Race scenarios of the seed report, run on PostgreSQL: see races/test_races.py."""
