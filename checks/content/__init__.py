"""Offline rules over the loaded model: what would score zero before anything is built."""
