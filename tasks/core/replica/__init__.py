"""A faithful local replica of the e-paper: generated articles, rendered in the site's markup,
served over HTTP on loopback. Used by the demo and the tests, never by production runs."""
