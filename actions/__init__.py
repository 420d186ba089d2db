"""The action server: thin actions that ask knowledge/ for answers and run the flows."""
