"""Legal affairs' rules (Art. 5, 8, 20-25), plain Python: classification (Art. 21), liability
determinations (Art. 22-23), severity order and appeals (Art. 24), counsel with recusal
(Art. 25), offender identities and matching across cases (Art. 20, 35)."""
