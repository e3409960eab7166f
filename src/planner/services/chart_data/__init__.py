"""What the projection charts show, computed without Qt: series, bands, markers, titles and hover
texts as plain values from ``Projection`` results. The widgets in ui/charts only draw them, so
every number on a chart is tested in tests/unit without a QApplication."""
