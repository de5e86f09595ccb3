"""Asset categories shared by the asset ledger and depreciation (rule DC-6).

The categories follow the school depreciation table (中小学校执行《政府会计制度》的补充规定,
附表2). The asset ledger files every item type under one of them; the compensation
area looks up each category's useful life in its (overridable) life table.
"""

from __future__ import annotations

import enum

__all__ = ["AssetCategory"]


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

    @property
    def label_zh(self) -> str:
        """The Chinese name of the category."""
        return _LABELS_ZH[self]


_LABELS_ZH = {
    AssetCategory.COMPUTERS: "计算机设备",
    AssetCategory.OFFICE_EQUIPMENT: "办公设备",
    AssetCategory.VEHICLES: "车辆",
    AssetCategory.MACHINERY: "机械设备",
    AssetCategory.ELECTRICAL_APPLIANCES: "电气设备",
    AssetCategory.TEACHING_INSTRUMENTS: "教学仪器",
    AssetCategory.ARTS_EQUIPMENT: "文艺设备",
    AssetCategory.SPORTS_EQUIPMENT: "体育设备",
    AssetCategory.ENTERTAINMENT_EQUIPMENT: "娱乐设备",
    AssetCategory.OTHER_SPECIAL_EQUIPMENT: "其他专用设备",
    AssetCategory.FURNITURE: "家具",
    AssetCategory.STUDENT_FURNITURE: "学生家具",
    AssetCategory.TOOLS_AND_FITTINGS: "用具、装具",
    AssetCategory.BUILDINGS_STEEL_CONCRETE: "房屋（钢结构、钢筋混凝土结构）",
    AssetCategory.BUILDINGS_BRICK: "房屋（砖混结构）",
    AssetCategory.SIMPLE_STRUCTURES: "简易房",
    AssetCategory.BOOKS_AND_ARCHIVES: "图书、档案",
    AssetCategory.CULTURAL_RELICS: "文物和陈列品",
    AssetCategory.PLANTS_AND_ANIMALS: "动植物",
    AssetCategory.CONSUMABLES: "低值易耗品",
}
