-- Budget changes go through an approval chain (稟議, issue 18, docs/approvals.md): the change is
-- the chain's subject and the size of the change (|new − current|) picks the band. Before chains
-- the steering committee decided every change, so the default rule for budget changes, while the
-- office has not edited it, becomes that: one step, the committee. Changes already pending keep
-- going to the committee without a chain.
UPDATE approval_rules
   SET steps_json = '[{"label_ja":"運営委員会","label_en":"Steering committee","approver":"committee"}]'
 WHERE id = 'default-budget-change' AND updated_by IS NULL;
