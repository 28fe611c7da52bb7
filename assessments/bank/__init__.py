"""The question bank, in three parts: `schema` (its shape), `rules` (what every bank must
also meet, and `parse_bank`, the one way in) and `answers` (cleaning what is answered).
The leader traits it carries are `leaders.traits`. All pure Python, no Django."""
