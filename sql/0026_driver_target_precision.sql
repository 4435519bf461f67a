-- 0026_driver_target_precision: each driver taxonomy version names the precision its drivers aim
-- at (issue 17, drivers that answer).
--
-- A driver model trained on enough labelled mentions is calibrated (its score is a probability)
-- and chooses, on its cross-validated predictions, the lowest threshold whose assignments are
-- right this often; the threshold is stored with the model (driver_models.model). min_score stays
-- the threshold of models learnt from the taxonomy's phrases alone, which are not calibrated.
-- Existing versions get the default, 0.7: on the public airline reasons it gives a driver to 87 %
-- of negative tweets, 71 % of them right, where 0.35 on raw scores gave one to 39 %.

alter table driver_taxonomies
  add column target_precision real not null default 0.7
    check (target_precision >= 0.3 and target_precision <= 0.99);
