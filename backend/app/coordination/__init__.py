"""项目协调: issues blocking a project, raised by its units, assigned by the office, answered, escalated, closed."""
