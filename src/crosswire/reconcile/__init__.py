"""Cross-article work: everything that compares one article with another."""
