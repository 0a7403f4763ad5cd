-- Channels across levels (issue 10, item 5).
--
-- A city (or province) opens its departments' 快捷通道 to the districts below it: a district then forwards
-- to the city's 金融办 or the courts as through its own channels. A forward made through a channel run above
-- the appeal's own federation (district, city or province) is marked across_levels: the department's
-- liaisons see the appeal only while it is forwarded to them (a returned or withdrawn one drops out of their
-- sight), where a liaison of the appeal's own federation keeps seeing what was ever forwarded to them.
-- Figures need nothing new: appeal_forward_rollups are keyed by the forward's org unit (the appeal's, in the
-- district) and its department (the city's), so the district counts the forward by department and the city's
-- department counts it as its own work.
ALTER TABLE channels ADD COLUMN open_to_subordinates boolean NOT NULL DEFAULT false;
ALTER TABLE appeal_forwards ADD COLUMN across_levels boolean NOT NULL DEFAULT false;
