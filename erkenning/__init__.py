"""Applications for recognition, review, decision, recognitions, sanctions and appeals."""
