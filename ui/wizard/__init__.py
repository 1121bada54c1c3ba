"""The import wizard (导入导出 → 导入Excel…): presenter, steps and window."""
