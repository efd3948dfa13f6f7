"""Plot helpers of the pca chapters."""
