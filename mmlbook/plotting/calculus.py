"""Plot helpers of the calculus chapters."""
