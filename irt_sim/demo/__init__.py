"""The read-only public demo pages served by Voila, with caps on visitors, memory and requests."""
