"""Who writes each sheet kind of an import, and who previews its changes to registered records.

The import service (importer.py) reads the file, finds the header and converts the rows the
same way for every kind; what a kind's rows do to the registry is its writer's business
(enterprise_import, list_import, carrier_year_import), and which registered records a preview
shows changed, its comparison's (conflicts.EnterpriseComparison, carrier_year_import).
"""

from gjz_registry.exchange import carrier_year_import, conflicts, enterprise_import, list_import

# kind → (writer class, converter_options(registry) -> RowConverter keywords, or None,
# the preview's comparison with registered records, or None: see conflicts.py)
WRITERS = {
    "enterprises": (
        enterprise_import.EnterpriseWriter,
        enterprise_import.converter_options,
        conflicts.EnterpriseComparison,
    ),
    "carriers": (list_import.CarrierWriter, list_import.carrier_options, None),
    "high-tech": (list_import.HighTechWriter, None, None),
    "tech-sme": (list_import.TechSmeWriter, None, None),
    "annual": (list_import.AnnualWriter, None, None),
    "carrier-years": carrier_year_import.KIND_WRITERS,
}
