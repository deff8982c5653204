"""Pure calculations for diagnosis reports: no database, plain values in, dataclasses out.

energy      GB/T 2589-2020 conversion to kgce/tce, totals and shares by carrier
units       explicit unit conversions (t/kg, 万kWh/kWh, 万m3/m3, GJ/MJ, ...)
motors      GB 18613-2020 minimum efficiencies and motor grading
pumps       GB 19762-2007 specific speed, η0, limit and evaluation values
grading     grading tables as data for other equipment (air compressors, transformers, ...)
savings     motor upgrade savings (kWh, tce)
measures    simple payback, CO₂ reduction, the measure taxonomy

The tables they use are in reports/data/ with their standard and edition; see README.md here.
"""
