"""Claim memory: matching a claim against earlier ones and other desks' ClaimReviews.

May import text/ (for numbers) and the plain-data modules; never the store or the faces.
"""
