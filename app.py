"""`streamlit run app.py` from a checkout: the app itself lives in the package (`kg/ui/`)."""

from kg.ui.app import main

main()
