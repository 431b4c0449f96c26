"""站内通知: each user's inbox, reminders on a schedule, e-mail as an optional second channel."""
