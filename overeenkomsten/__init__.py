"""Learners, screening, agreements (OAO/SAO/DA), learning allowance and the agreement PDF."""
