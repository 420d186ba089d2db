"""The toolkit as vetted entries, the checked contacts list, and the language and danger rules."""
