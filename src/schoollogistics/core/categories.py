"""Asset categories shared by the asset ledger and depreciation (rule DC-6).

The categories follow the school depreciation table (中小学校执行《政府会计制度》的补充规定,
附表2). The asset ledger files every item type under one of them; the compensation
area looks up each category's useful life in its (overridable) life table.
"""

from __future__ import annotations

import enum

__all__ = ["AssetCategory", "AssetClass"]


class AssetClass(enum.Enum):
    """A class (门类) of the school table, grouping its categories (rule DC-6, AS-10).

    The classes head the rows of 附表2 (房屋及构筑物, 通用设备, 专用设备, 家具、用具及装具)
    and name the kinds of fixed assets that are not depreciated. Per-class defaults,
    such as the older 1500-yuan threshold for special equipment (AS-10), are
    expressed through it.
    """

    BUILDINGS_AND_STRUCTURES = "buildings_and_structures"
    """房屋及构筑物."""
    GENERAL_EQUIPMENT = "general_equipment"
    """通用设备."""
    SPECIAL_EQUIPMENT = "special_equipment"
    """专用设备."""
    FURNITURE_AND_FITTINGS = "furniture_and_fittings"
    """家具、用具及装具."""
    BOOKS_AND_ARCHIVES = "books_and_archives"
    """图书、档案 (not depreciated)."""
    CULTURAL_RELICS = "cultural_relics"
    """文物和陈列品 (not depreciated)."""
    PLANTS_AND_ANIMALS = "plants_and_animals"
    """动植物 (not depreciated)."""
    LAND = "land"
    """土地 (land booked separately; not depreciated)."""

    @property
    def label_zh(self) -> str:
        """The Chinese name of the class."""
        return _CLASS_LABELS_ZH[self]

    @property
    def categories(self) -> frozenset[AssetCategory]:
        """The categories filed under this class."""
        return frozenset(c for c, k in _CLASSES.items() if k is self)


class AssetCategory(enum.Enum):
    """A depreciation category (资产类别). The value is the stable serialized key."""

    COMPUTERS = "computers"
    """计算机设备."""
    OFFICE_EQUIPMENT = "office_equipment"
    """办公设备."""
    VEHICLES = "vehicles"
    """车辆."""
    MACHINERY = "machinery"
    """机械设备 (lifts, air conditioning, boilers)."""
    ELECTRICAL_APPLIANCES = "electrical_appliances"
    """电气设备."""
    TEACHING_INSTRUMENTS = "teaching_instruments"
    """教学仪器."""
    ARTS_EQUIPMENT = "arts_equipment"
    """文艺设备."""
    SPORTS_EQUIPMENT = "sports_equipment"
    """体育设备."""
    ENTERTAINMENT_EQUIPMENT = "entertainment_equipment"
    """娱乐设备."""
    OTHER_SPECIAL_EQUIPMENT = "other_special_equipment"
    """其他专用设备."""
    FURNITURE = "furniture"
    """家具."""
    STUDENT_FURNITURE = "student_furniture"
    """学生课桌椅等学生家具."""
    TOOLS_AND_FITTINGS = "tools_and_fittings"
    """用具、装具."""
    BUILDINGS_STEEL_CONCRETE = "buildings_steel_concrete"
    """钢结构、钢筋混凝土结构房屋."""
    BUILDINGS_BRICK = "buildings_brick"
    """砖混结构房屋."""
    SIMPLE_STRUCTURES = "simple_structures"
    """简易房."""
    BOOKS_AND_ARCHIVES = "books_and_archives"
    """图书、档案 (not depreciated)."""
    CULTURAL_RELICS = "cultural_relics"
    """文物和陈列品 (not depreciated)."""
    PLANTS_AND_ANIMALS = "plants_and_animals"
    """动植物 (not depreciated)."""
    CONSUMABLES = "consumables"
    """低值易耗品 and other inventory below the fixed-asset threshold (not depreciated)."""
    # The rows below complete the school table (issue 14); appended, so the values
    # and the order of the categories above do not change.
    BUILDINGS_STEEL = "buildings_steel"
    """钢结构房屋 (a row of its own; ``BUILDINGS_STEEL_CONCRETE`` keeps 钢筋混凝土结构)."""
    BUILDINGS_BRICK_WOOD = "buildings_brick_wood"
    """砖木结构房屋 (``BUILDINGS_BRICK`` is 砖混结构)."""
    BUILDING_FIXTURES = "building_fixtures"
    """房屋附属设施 (围墙、停车设施等)."""
    STRUCTURES = "structures"
    """构筑物 (池、罐、槽、塔等)."""
    LIBRARY_EQUIPMENT = "library_equipment"
    """图书档案设备."""
    COMMUNICATIONS_EQUIPMENT = "communications_equipment"
    """通信设备."""
    BROADCAST_EQUIPMENT = "broadcast_equipment"
    """广播、电视、电影设备."""
    INSTRUMENTS = "instruments"
    """仪器仪表 (general equipment; ``TEACHING_INSTRUMENTS`` is 专用仪器仪表)."""
    MEASURING_EQUIPMENT = "measuring_equipment"
    """电子和通信测量设备."""
    METROLOGY_EQUIPMENT = "metrology_equipment"
    """计量标准器具及量具、衡器."""
    POLICE_EQUIPMENT = "police_equipment"
    """公安专用设备."""
    LAND = "land"
    """单独计价入账的土地 (land booked separately; not depreciated)."""
    NOMINAL_VALUE_ASSETS = "nominal_value_assets"
    """以名义金额计量的固定资产 (assets recorded at a nominal amount; not depreciated)."""

    @property
    def label_zh(self) -> str:
        """The Chinese name of the category."""
        return _LABELS_ZH[self]

    @property
    def asset_class(self) -> AssetClass | None:
        """The class (门类) of the school table this category belongs to.

        ``None`` for ``CONSUMABLES`` (not a fixed asset) and for
        ``NOMINAL_VALUE_ASSETS`` (a way of measuring, not a class).
        """
        return _CLASSES.get(self)


_LABELS_ZH = {
    AssetCategory.COMPUTERS: "计算机设备",
    AssetCategory.OFFICE_EQUIPMENT: "办公设备",
    AssetCategory.VEHICLES: "车辆",
    AssetCategory.MACHINERY: "机械设备",
    AssetCategory.ELECTRICAL_APPLIANCES: "电气设备",
    AssetCategory.TEACHING_INSTRUMENTS: "专用仪器仪表（教学专用仪器）",
    AssetCategory.ARTS_EQUIPMENT: "文艺设备",
    AssetCategory.SPORTS_EQUIPMENT: "体育设备",
    AssetCategory.ENTERTAINMENT_EQUIPMENT: "娱乐设备",
    AssetCategory.OTHER_SPECIAL_EQUIPMENT: "其他专用设备",
    AssetCategory.FURNITURE: "家具",
    AssetCategory.STUDENT_FURNITURE: "学生用家具（教学用）",
    AssetCategory.TOOLS_AND_FITTINGS: "用具、装具",
    AssetCategory.BUILDINGS_STEEL_CONCRETE: "房屋（钢筋混凝土结构）",
    AssetCategory.BUILDINGS_BRICK: "房屋（砖混结构）",
    AssetCategory.SIMPLE_STRUCTURES: "简易房",
    AssetCategory.BOOKS_AND_ARCHIVES: "图书、档案",
    AssetCategory.CULTURAL_RELICS: "文物和陈列品",
    AssetCategory.PLANTS_AND_ANIMALS: "动植物",
    AssetCategory.CONSUMABLES: "低值易耗品",
    AssetCategory.BUILDINGS_STEEL: "房屋（钢结构）",
    AssetCategory.BUILDINGS_BRICK_WOOD: "房屋（砖木结构）",
    AssetCategory.BUILDING_FIXTURES: "房屋附属设施",
    AssetCategory.STRUCTURES: "构筑物",
    AssetCategory.LIBRARY_EQUIPMENT: "图书档案设备",
    AssetCategory.COMMUNICATIONS_EQUIPMENT: "通信设备",
    AssetCategory.BROADCAST_EQUIPMENT: "广播、电视、电影设备",
    AssetCategory.INSTRUMENTS: "仪器仪表",
    AssetCategory.MEASURING_EQUIPMENT: "电子和通信测量设备",
    AssetCategory.METROLOGY_EQUIPMENT: "计量标准器具及量具、衡器",
    AssetCategory.POLICE_EQUIPMENT: "公安专用设备",
    AssetCategory.LAND: "单独计价入账的土地",
    AssetCategory.NOMINAL_VALUE_ASSETS: "以名义金额计量的固定资产",
}

_CLASS_LABELS_ZH = {
    AssetClass.BUILDINGS_AND_STRUCTURES: "房屋及构筑物",
    AssetClass.GENERAL_EQUIPMENT: "通用设备",
    AssetClass.SPECIAL_EQUIPMENT: "专用设备",
    AssetClass.FURNITURE_AND_FITTINGS: "家具、用具及装具",
    AssetClass.BOOKS_AND_ARCHIVES: "图书、档案",
    AssetClass.CULTURAL_RELICS: "文物和陈列品",
    AssetClass.PLANTS_AND_ANIMALS: "动植物",
    AssetClass.LAND: "土地",
}

_C, _K = AssetCategory, AssetClass
_CLASSES: dict[AssetCategory, AssetClass] = {
    **dict.fromkeys(
        (
            _C.BUILDINGS_STEEL,
            _C.BUILDINGS_STEEL_CONCRETE,
            _C.BUILDINGS_BRICK,
            _C.BUILDINGS_BRICK_WOOD,
            _C.SIMPLE_STRUCTURES,
            _C.BUILDING_FIXTURES,
            _C.STRUCTURES,
        ),
        _K.BUILDINGS_AND_STRUCTURES,
    ),
    **dict.fromkeys(
        (
            _C.COMPUTERS,
            _C.OFFICE_EQUIPMENT,
            _C.VEHICLES,
            _C.LIBRARY_EQUIPMENT,
            _C.MACHINERY,
            _C.ELECTRICAL_APPLIANCES,
            _C.COMMUNICATIONS_EQUIPMENT,
            _C.BROADCAST_EQUIPMENT,
            _C.INSTRUMENTS,
            _C.MEASURING_EQUIPMENT,
            _C.METROLOGY_EQUIPMENT,
        ),
        _K.GENERAL_EQUIPMENT,
    ),
    **dict.fromkeys(
        (
            _C.TEACHING_INSTRUMENTS,
            _C.ARTS_EQUIPMENT,
            _C.SPORTS_EQUIPMENT,
            _C.ENTERTAINMENT_EQUIPMENT,
            _C.POLICE_EQUIPMENT,
            _C.OTHER_SPECIAL_EQUIPMENT,
        ),
        _K.SPECIAL_EQUIPMENT,
    ),
    **dict.fromkeys(
        (_C.FURNITURE, _C.STUDENT_FURNITURE, _C.TOOLS_AND_FITTINGS), _K.FURNITURE_AND_FITTINGS
    ),
    _C.BOOKS_AND_ARCHIVES: _K.BOOKS_AND_ARCHIVES,
    _C.CULTURAL_RELICS: _K.CULTURAL_RELICS,
    _C.PLANTS_AND_ANIMALS: _K.PLANTS_AND_ANIMALS,
    _C.LAND: _K.LAND,
}
del _C, _K
