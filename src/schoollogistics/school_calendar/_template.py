"""The built-in primary-school template (小学后勤行事历), written from the seed plans.

Sources, in the engine's own words:

* seed 003, a primary school's first-term plan (August to January, "八月份：1、…");
* seed 004, second-term plans (February to July; its month-by-month list comes
  from a kindergarten and is adapted to a primary school: 幼儿 → 学生, 大班毕业 →
  六年级毕业; items about kindergarten teachers' routines are left out);
* the recurring duties quoted by rule CA-3 (seeds 001, 002, 004);
* the regulatory frequencies of rule CA-4 (national texts).

Seed items that name only a month are anchored to a day of that month (the n-th
working or school day), and items tied to the start or end of a term ("开学前",
"期末") are counted from the term, so that they follow each city's term dates.
Every rule cites its source in ``source``.
"""

from __future__ import annotations

from typing import Final

from schoollogistics.school_calendar._policy import DayKind, ShiftPolicy
from schoollogistics.school_calendar._records import Category
from schoollogistics.school_calendar._tasks import (
    Anchor,
    AnnualDate,
    Daily,
    HolidayEve,
    MonthlyFixedDay,
    MonthlyNthSchoolDay,
    MonthlyNthWeekday,
    RelativeToTerm,
    Schedule,
    TaskRule,
    Template,
    TimesPerTerm,
    TimesPerYear,
    Weekly,
)

__all__ = ["primary_school_template"]

_S: Final = Category.SAFETY
_C: Final = Category.CANTEEN
_A: Final = Category.ASSETS
_G: Final = Category.GREENING
_F: Final = Category.FINANCE
_H: Final = Category.HYGIENE
_T: Final = Category.TRAINING
_E: Final = Category.EVENTS
_WORK: Final = DayKind.WORKING_DAY


def _rule(
    rule_id: str,
    title: str,
    category: Category,
    schedule: Schedule,
    source: str,
    *,
    allowed: DayKind = DayKind.SCHOOL_DAY,
    policy: ShiftPolicy = ShiftPolicy.PREVIOUS,
    months: tuple[int, ...] = (),
    rules: tuple[str, ...] = ("CA-3",),
    key: str | None = None,
) -> TaskRule:
    return TaskRule(
        rule_id,
        title,
        category,
        schedule,
        source,
        rules=rules,
        allowed=allowed,
        on_non_school_day=policy,
        months=months,
        regulatory_key=key,
    )


def _in_month(  # noqa: PLR0917 - a compact table row
    rule_id: str,
    title: str,
    category: Category,
    month: int,
    n: int,
    source: str,
    *,
    allowed: DayKind = DayKind.SCHOOL_DAY,
) -> TaskRule:
    """A seed item that names only its month: the n-th allowed day of that month."""
    return _rule(
        rule_id,
        title,
        category,
        MonthlyNthSchoolDay(n),
        source,
        allowed=allowed,
        months=(month,),
        rules=("CA-6",),
    )


def _term(  # noqa: PLR0917 - a compact table row
    rule_id: str,
    title: str,
    category: Category,
    anchor: Anchor,
    offset: int,
    term: int,
    source: str,
    *,
    allowed: DayKind = DayKind.SCHOOL_DAY,
) -> TaskRule:
    """A seed item tied to a term's start or end, counted in allowed days."""
    return _rule(
        rule_id,
        title,
        category,
        RelativeToTerm(anchor, offset, term=term),
        source,
        allowed=allowed,
        rules=("CA-3", "CA-6"),
    )


_START: Final = Anchor.START
_END: Final = Anchor.END

_RECURRING: Final = (
    _rule(
        "daily_close_check",
        "下班前检查水电、门窗",
        _S,
        Daily(),
        "seed 004 篇四 (四)1: a routine check of water, power, doors and windows every day",
    ),
    _rule(
        "weekly_safety_check",
        "每周安全检查",
        _S,
        Weekly((0,)),
        "seed 004 篇一 三4: a safety check once a week",
        policy=ShiftPolicy.NEXT,
    ),
    _rule(
        "weekly_equipment_repair",
        "电器设备、门窗全面检查修理",
        _S,
        Weekly((2,)),
        "seed 004 篇四 (四)1: electrical equipment, doors and windows checked weekly",
    ),
    _rule(
        "weekly_cleaning",
        "全校大扫除",
        _H,
        Weekly((4,)),
        "seed 001 (卫生管理)(1): a thorough cleaning once a week",
    ),
    _rule(
        "weekly_staff_study",
        "后勤从业人员集中学习（周五下午）",
        _T,
        Weekly((4,)),
        "seed 002 item 3: logistics staff study together on Friday afternoons",
    ),
    _rule(
        "biweekly_hygiene_check",
        "卫生安全定期检查（教室、洗手间、专用室、食堂）",
        _H,
        Weekly((3,), interval=2),
        "seed 004 篇五 二3: checked every two weeks, on Thursdays",
        policy=ShiftPolicy.NEXT,
    ),
    _rule(
        "monthly_playground_check",
        "活动场所大型玩具、体育器材检查维修",
        _S,
        MonthlyNthSchoolDay(3),
        "seed 004 篇四 (四)1: play equipment and sports gear checked once a month",
    ),
    _rule(
        "monthly_asset_close",
        "资产月结（每月结账一次）",
        _A,
        MonthlyNthSchoolDay(-1),
        "seed 004 篇二 三7(3): the asset accounts are closed once a month",
        allowed=_WORK,
    ),
    _rule(
        "monthly_nutrition_analysis",
        "膳食营养分析",
        _C,
        MonthlyNthSchoolDay(-2),
        "seed 004 篇四 (六)1: a nutrition analysis once a month",
    ),
    _rule(
        "monthly_greening_trim",
        "修整花木、草坪",
        _G,
        MonthlyNthWeekday(2, 2),
        "seed 004 篇二 三4(1): trees, flowers and lawns trimmed once a month",
        allowed=_WORK,
        policy=ShiftPolicy.NEXT,
    ),
    _rule(
        "monthly_office_review",
        "教师文明办公情况随机考核",
        _H,
        MonthlyNthSchoolDay(10),
        "seed 003 三(二)3: offices assessed at random each month",
    ),
    _rule(
        "monthly_meal_accounts",
        "公布学生伙食账目",
        _F,
        MonthlyFixedDay(5),
        "seed 004 篇四 (三)3: the meal accounts are published every month",
        policy=ShiftPolicy.NEXT,
    ),
    _rule(
        "monthly_fire_report",
        "完成消防月报表",
        _S,
        MonthlyNthSchoolDay(-1),
        "seed 004 (篇七后) 三6: the monthly fire-safety report",
        allowed=_WORK,
    ),
    _rule(
        "monthly_logistics_meeting",
        "后勤工作例会",
        _T,
        MonthlyNthWeekday(0, 1),
        "seed 004 篇八 三(一)2: a logistics meeting once a month",
        policy=ShiftPolicy.NEXT,
    ),
    _rule(
        "class_property_check",
        "班级财产检查（期中、期末）",
        _A,
        TimesPerTerm(2),
        "seed 004 篇九 三3(2): class property checked twice a term, mid-term and end",
    ),
    _rule(
        "greenbelt_trim",
        "绿化带、绿篱修剪",
        _G,
        TimesPerYear(4),
        "seed 004 篇九 三4(2)(3): about four times a year, twice a term",
    ),
    _rule(
        "tree_pruning",
        "树木修剪",
        _G,
        TimesPerYear(2),
        "seed 004 篇九 三4(4): twice a year, once a term",
    ),
    _rule(
        "staff_training_monthly",
        "组织保洁、食堂工作人员培训学习",
        _T,
        MonthlyNthSchoolDay(4),
        "seed 004 篇四 二月 item 7, 三月 item 5, 四月 item 5, 五月 item 6, 六月 item 6: "
        "staff training every month of the spring term",
        allowed=_WORK,
        months=(2, 3, 4, 5, 6),
    ),
    _rule(
        "term_start_asset_count",
        "期初校产校具、设备、图书清点登记",
        _A,
        RelativeToTerm(_START, 2),
        "seed 004 篇七 四2(2): property counted at the start of each term",
    ),
    _rule(
        "term_end_asset_reconcile",
        "期末资产清理核对",
        _A,
        RelativeToTerm(_END, -1),
        "seed 004 篇一 二1: assets reconciled at the end of each term",
    ),
)

_REGULATORY: Final = (
    _rule(
        "fire_inspection",
        "防火检查（每季度至少一次）",
        _S,
        MonthlyNthSchoolDay(5),
        "CA-4: 公安部令第61号 §26 (at least quarterly)",
        allowed=_WORK,
        months=(9, 12, 3, 6),
        rules=("CA-4",),
        key="fire_inspection",
    ),
    _rule(
        "extinguisher_check",
        "灭火器检查",
        _S,
        MonthlyNthSchoolDay(1),
        "CA-4: GB 50444 §5.2.1 (monthly)",
        allowed=_WORK,
        rules=("CA-4",),
        key="extinguisher_check",
    ),
    _rule(
        "special_equipment_check",
        "特种设备（电梯、锅炉等）自行检查",
        _S,
        MonthlyNthSchoolDay(2),
        "CA-4: 特种设备安全监察条例 §27 (at least monthly)",
        allowed=_WORK,
        rules=("CA-4",),
        key="special_equipment_check",
    ),
    _rule(
        "annual_asset_count",
        "固定资产与库存物资年度盘点",
        _A,
        AnnualDate(12, 20),
        "CA-4: 政府会计制度 (at least yearly); seed 004 篇九 三2(2) 年终盘点库房",
        allowed=_WORK,
        rules=("CA-4",),
        key="asset_count",
    ),
    _rule(
        "food_handler_health_check",
        "食堂从业人员年度健康检查",
        _C,
        RelativeToTerm(_START, -10, term=0),
        "CA-4: 食品安全法 §45 (a health check every year)",
        allowed=_WORK,
        rules=("CA-4",),
        key="food_handler_health_check",
    ),
)

_SEED_003: Final = (
    # 八月份 (before the first term): counted back from the term's start.
    _term(
        "aug_plan",
        "制订新学期后勤工作计划",
        _E,
        _START,
        -12,
        0,
        "seed 003 八月份 item 2",
        allowed=_WORK,
    ),
    _term(
        "aug_meeting",
        "召开后勤工作会议，落实学校安全工作措施",
        _S,
        _START,
        -11,
        0,
        "seed 003 八月份 item 7",
        allowed=_WORK,
    ),
    _term(
        "aug_prevention",
        "开学前传染病防控措施落实到位",
        _H,
        _START,
        -10,
        0,
        "seed 003 八月份 item 1",
        allowed=_WORK,
    ),
    _term(
        "aug_rooms",
        "调整班级，安排教师办公室、宿舍",
        _A,
        _START,
        -9,
        0,
        "seed 003 八月份 item 3",
        allowed=_WORK,
    ),
    _term(
        "aug_meals",
        "确定餐费标准和用餐安排",
        _C,
        _START,
        -8,
        0,
        "seed 003 八月份 item 6",
        allowed=_WORK,
    ),
    _term(
        "aug_safety_check",
        "开学前校舍、消防设施、电器设备、体育器材安全检查和消毒",
        _S,
        _START,
        -7,
        0,
        "seed 003 八月份 item 5",
        allowed=_WORK,
    ),
    _term(
        "aug_devices",
        "电脑等设备的分配调剂",
        _A,
        _START,
        -6,
        0,
        "seed 003 八月份 item 8",
        allowed=_WORK,
    ),
    _term(
        "aug_dorm_meeting",
        "召开住宿教师会议，确保宿舍安全整洁",
        _S,
        _START,
        -5,
        0,
        "seed 003 八月份 item 9",
        allowed=_WORK,
    ),
    _term(
        "aug_room_count",
        "期初室内物品清查，及时维修",
        _A,
        _START,
        -4,
        0,
        "seed 003 八月份 item 10",
        allowed=_WORK,
    ),
    _term(
        "aug_books",
        "分发书本、学生作业本",
        _A,
        _START,
        -3,
        0,
        "seed 003 八月份 item 4",
        allowed=_WORK,
    ),
    _term(
        "aug_ready",
        "开学准备：氛围布置、物品发放、饮水机维护保养、水质检测",
        _H,
        _START,
        -2,
        0,
        "seed 003 八月份 item 11",
        allowed=_WORK,
    ),
    _term(
        "aug_hygiene",
        "开学卫生工作检查",
        _H,
        _START,
        -1,
        0,
        "seed 003 八月份 item 12",
        allowed=_WORK,
    ),
    # 九月份
    _term("sep_textbooks", "第一周调剂好教材等资料", _A, _START, 1, 0, "seed 003 九月份 item 1"),
    _term("sep_meals", "调整学生用餐安排", _C, _START, 2, 0, "seed 003 九月份 item 2"),
    _rule(
        "sep_teachers_day",
        "庆祝教师节等活动的会务保障",
        _E,
        AnnualDate(9, 10),
        "seed 003 九月份 item 3; CA-3 fixed date",
        allowed=_WORK,
    ),
    _in_month("sep_routine", "做好学校常规后勤保障工作", _E, 9, 4, "seed 003 九月份 item 4"),
    _in_month("sep_extinguishers", "消防器材检查、添置及保养", _S, 9, 6, "seed 003 九月份 item 8"),
    _in_month("sep_safety", "学校安全工作检查", _S, 9, 8, "seed 003 九月份 item 7"),
    _in_month("sep_drill", "紧急疏散演练", _S, 9, 12, "seed 003 九月份 item 10"),
    _in_month("sep_culture", "校园文化布置基本到位", _E, 9, -4, "seed 003 九月份 item 9"),
    _in_month("sep_equipment", "教育装备管理评选准备", _A, 9, -3, "seed 003 九月份 item 11"),
    _rule(
        "sep_national_day_duty",
        "安排好“十·一”长假值班",
        _S,
        HolidayEve(("国庆节",), offset=3),
        "seed 003 九月份 item 6; CA-3 relative to a holiday",
    ),
    _rule(
        "sep_national_day",
        "做好庆国庆后勤保障",
        _E,
        HolidayEve(("国庆节",), offset=2),
        "seed 003 九月份 item 5; CA-3 relative to a holiday",
    ),
    # 十月份
    _in_month("oct_safety", "安全检查", _S, 10, 3, "seed 003 十月份 item 2"),
    _in_month("oct_routine", "学校常规后勤保障", _E, 10, 6, "seed 003 十月份 item 4"),
    _in_month("oct_study", "组织后勤人员业务学习", _T, 10, 5, "seed 003 十月份 item 3"),
    _in_month("oct_drill", "安全知识讲座及紧急疏散演练", _S, 10, 8, "seed 003 十月份 item 1"),
    _in_month("oct_replant", "植物补种", _G, 10, 10, "seed 003 十月份 item 5", allowed=_WORK),
    _in_month("oct_hygiene", "全校卫生工作大检查", _H, 10, 12, "seed 003 十月份 item 6"),
    _in_month("oct_fire", "消防安全检查", _S, 10, 14, "seed 003 十月份 item 7"),
    # 十一月份
    _in_month("nov_events", "各项活动后勤保障", _E, 11, 2, "seed 003 十一月份 item 1"),
    _in_month("nov_winter_fire", "冬季消防安全检查", _S, 11, 4, "seed 003 十一月份 item 2"),
    _in_month(
        "nov_surroundings",
        "学校常规后勤检查，校园周边环境自查",
        _S,
        11,
        6,
        "seed 003 十一月份 item 3",
    ),
    _in_month("nov_canteen", "食堂安全专项检查", _C, 11, 8, "seed 003 十一月份 item 4"),
    _in_month("nov_materials", "教辅材料结算", _F, 11, 10, "seed 003 十一月份 item 5"),
    _in_month("nov_hygiene", "卫生工作检查", _H, 11, 12, "seed 003 十一月份 item 6"),
    # 十二月份
    _in_month(
        "dec_winter_sports", "“冬季三项”体育活动后勤保障", _E, 12, 3, "seed 003 十二月份 item 1"
    ),
    _in_month("dec_winter_safety", "学校冬季安全检查", _S, 12, 5, "seed 003 十二月份 item 2"),
    _in_month("dec_study", "组织后勤人员学习", _T, 12, 7, "seed 003 十二月份 item 3"),
    _in_month("dec_hygiene", "卫生工作检查", _H, 12, 9, "seed 003 十二月份 item 5"),
    _rule(
        "dec_new_year_duty",
        "布置元旦教师值日工作",
        _S,
        HolidayEve(("元旦",), offset=2),
        "seed 003 十二月份 item 4; CA-3 relative to a holiday",
    ),
    # 一月份 (end of the first term)
    _term("jan_property", "清理校产教具", _A, _END, -4, 0, "seed 003 一月份 item 1"),
    _term("jan_fees", "“一费制”结算", _F, _END, -3, 0, "seed 003 一月份 item 2"),
    _term("jan_duty_roster", "做好寒假教师值班表", _S, _END, -2, 0, "seed 003 一月份 item 3"),
    _term("jan_safety", "期末安全大检查", _S, _END, -1, 0, "seed 003 一月份 item 4"),
    _term("jan_awards", "协助做好期末表彰工作", _E, _END, 0, 0, "seed 003 一月份 item 5"),
    _term(
        "jan_summary",
        "学校后勤、安全工作总结",
        _E,
        _END,
        1,
        0,
        "seed 003 一月份 item 6",
        allowed=_WORK,
    ),
)

_SEED_004: Final = (
    # 二月 (before the second term): counted back from its start.
    _term(
        "feb_purchases",
        "开学物品采购，分发开学簿册，划分卫生包干区",
        _A,
        _START,
        -5,
        1,
        "seed 004 篇二 二月份 item 1; 篇四 二月 item 1 (班级卫生用品、办公室用品的购进与发放)",
        allowed=_WORK,
    ),
    _term(
        "feb_desks",
        "新学期班级桌凳、教师办公桌调配",
        _A,
        _START,
        -4,
        1,
        "seed 004 篇二 二月份 item 4",
        allowed=_WORK,
    ),
    _term(
        "feb_repairs",
        "检修全校水电设施和门窗桌椅",
        _S,
        _START,
        -3,
        1,
        "seed 004 篇四 二月 item 3",
        allowed=_WORK,
    ),
    _term(
        "feb_cleaning",
        "全校卫生大扫除",
        _H,
        _START,
        -2,
        1,
        "seed 004 篇四 二月 item 2",
        allowed=_WORK,
    ),
    _term(
        "feb_sports_gear",
        "整理检修体育器材，确保器械安全",
        _S,
        _START,
        -1,
        1,
        "seed 004 篇四 二月 item 6",
        allowed=_WORK,
    ),
    _term(
        "feb_lodging",
        "帮助需住宿教师安排住宿",
        _A,
        _START,
        -1,
        1,
        "seed 004 篇二 二月份 item 6 (second half)",
        allowed=_WORK,
    ),
    _term(
        "feb_water",
        "安排好各楼层饮用开水供应，食堂开学运行",
        _C,
        _START,
        0,
        1,
        "seed 004 篇二 二月份 items 6–7",
    ),
    _term(
        "feb_hygiene_group", "召开卫生环保小组会议", _H, _START, 1, 1, "seed 004 篇二 二月份 item 5"
    ),
    _term("feb_infection", "“春季防传染”卫生宣传", _H, _START, 2, 1, "seed 004 篇四 二月 item 5"),
    _term(
        "feb_fees",
        "收费工作，与班主任结清各类钱款",
        _F,
        _START,
        3,
        1,
        "seed 004 篇二 二月份 item 2",
    ),
    _term(
        "feb_reports", "上报学生乘车情况等统计报表", _S, _START, 4, 1, "seed 004 篇二 二月份 item 3"
    ),
    _term("feb_disclosure", "缴款及财务公开", _F, _START, 5, 1, "seed 004 篇四 二月 item 4"),
    # 三月
    _in_month(
        "mar_manners", "学生文明用餐与爱护公物教育", _C, 3, 3, "seed 004 篇四 三月 items 1–2"
    ),
    _rule(
        "mar_womens_day",
        "开展庆“三八妇女节”活动",
        _E,
        AnnualDate(3, 8),
        "seed 004 篇四 三月 item 3; CA-3 fixed date",
    ),
    _in_month("mar_hygiene", "检查班级卫生及卫生清洁区", _H, 3, 6, "seed 004 篇四 三月 item 4"),
    # 四月
    _in_month(
        "apr_cups", "抽查各班卫生清洁区及饮水杯具清洁", _H, 4, 3, "seed 004 篇四 四月 items 1–2"
    ),
    _in_month(
        "apr_canteen", "食堂电器设备、门窗全面检查修理", _C, 4, 6, "seed 004 篇四 四月 item 3"
    ),
    _in_month(
        "apr_lighting",
        "检查教室、走廊、大厅及办公场所照明设施",
        _S,
        4,
        9,
        "seed 004 篇四 四月 item 4",
    ),
    # 五月
    _in_month(
        "may_air_conditioners",
        "班级与办公场所空调全面检查维护",
        _A,
        5,
        5,
        "seed 004 篇四 五月 item 4",
    ),
    _in_month(
        "may_clean_ac", "进入夏季前清洗空调", _H, 5, 8, "seed 004 篇四 五月 item 5; CA-3 seasonal"
    ),
    _in_month(
        "may_childrens_day", "为“庆六一”做好各项准备", _E, 5, -3, "seed 004 篇四 五月 item 3"
    ),
    # 六月
    _rule(
        "jun_childrens_day",
        "庆祝“六一”儿童节后勤保障",
        _E,
        AnnualDate(6, 1),
        "seed 004 篇四 六月 item 1; CA-3 fixed date",
        allowed=_WORK,
    ),
    _in_month("jun_pests", "灭蚊灭蝇，清扫整理校园每个角落", _H, 6, 3, "seed 004 篇四 六月 item 2"),
    _in_month("jun_heat", "防暑降温工作", _H, 6, 5, "seed 004 篇四 六月 item 3; CA-3 seasonal"),
    _term("jun_graduation", "六年级毕业典礼后勤保障", _E, _END, -3, 1, "seed 004 篇四 六月 item 4"),
    _term("jun_refunds", "学生请假登记及伙食费退费", _F, _END, -2, 1, "seed 004 篇四 六月 item 5"),
    # 七月 (end of the second term)
    _term("jul_returns", "归还出借物品", _A, _END, -1, 1, "seed 004 篇四 七月 item 3"),
    _term("jul_property", "清点班级以及其他校内财产", _A, _END, 0, 1, "seed 004 篇四 七月 item 1"),
    _term("jul_audit", "财务稽核", _F, _END, 1, 1, "seed 004 篇四 七月 item 2", allowed=_WORK),
)


def primary_school_template() -> Template:
    """The built-in template of a primary school's logistics year (小学后勤行事历).

    It holds the month items of seed 003 (August to January) and seed 004 (February
    to July), the recurring duties of rule CA-3 and the regulatory frequencies of
    rule CA-4; each rule cites its source. Derive your own with ``add``,
    ``remove`` and ``replace``.
    """
    return Template("小学后勤行事历模板", (*_RECURRING, *_REGULATORY, *_SEED_003, *_SEED_004))
