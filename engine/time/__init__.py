"""Time as Chinese law counts it: instants in contract time, periods of hours, days, working days,
months and years (民法典 第201–204条), official calendars with make-up working days, deemed delivery.
Small pure functions in ``timecalc``.
"""
