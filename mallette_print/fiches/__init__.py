"""The kit's fiches: what each says (`content`, shared with the website) and fiches.pdf (`pdf`, `outputs`)."""
