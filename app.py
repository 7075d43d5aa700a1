"""`streamlit run app.py` from a checkout: the app itself lives in the package (`kg/ui/`)."""

from kg.ui.app import main

if __name__ == "__main__":  # Streamlit runs this file as __main__; a spawned process does not
    main()
