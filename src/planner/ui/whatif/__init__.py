"""The What-if window: scenario comparison, stress tests, goal seek, allocation suggestion,
sensitivity and explanations, each a tab running its searches in the background."""
