-- Missing conflict-of-interest declarations block a project's next gate (SPEC §5): every gate
-- starts with the requirement "every member who must declare has filed this fiscal year's
-- declaration". It is an ordinary gate requirement, so the office may still take it off a gate.
UPDATE project_gates
SET requirements = CASE WHEN requirements = '' THEN 'coi_declared' ELSE 'coi_declared,' || requirements END
WHERE ',' || requirements || ',' NOT LIKE '%,coi_declared,%';
