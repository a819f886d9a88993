-- A seat whose reminder the mail server refused for good (a permanent reply, 5xx: no such mailbox) is recorded beside
-- the reminder like a reminded one, so that it is not mailed again by every tick until the round closes, and the
-- reminder can be done; it is not counted as reminded. The member keeps the code they hold.
ALTER TABLE reminder_seat ADD COLUMN refused boolean NOT NULL DEFAULT false;
