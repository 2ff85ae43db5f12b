"""The pure core: functions over parsed libcst modules. No paths, no printing."""
