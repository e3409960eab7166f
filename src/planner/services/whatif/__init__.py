"""What-if use cases: scenario comparison, goal seek, allocation suggestion, sensitivity, stress
tests and explanations of the worst outcomes. Headless; the command line and the window share them."""
