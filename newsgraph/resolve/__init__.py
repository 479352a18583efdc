"""Resolvers: actors to the knowledge base, dates against the publication date, places to
coordinates."""
