"""pkc: a static site generator for Finnish electronic family centres (sähköinen perhekeskus)."""
