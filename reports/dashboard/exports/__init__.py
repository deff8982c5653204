"""National exports for the ministry (xlsx), produced by the document-job worker path.

catalog.EXPORTS lists them; builder.register() registers the DocumentKind.EXPORT builder;
rows*.py are the selectors, layouts.py and statistics.py what the renderers need.
"""
