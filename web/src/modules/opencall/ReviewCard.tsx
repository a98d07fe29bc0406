// A reviewer's scores for one proposal: each criterion from 1 to 5 and a comment. Reached from the
// inbox with ?review=1, which scrolls to it. It can be changed while the call is in review.
import { Alert, App, Button, Card, Form, Input, Radio, Skeleton, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../shell/errors';
import { formatDateTime } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { opencallApi, useOpenCallAction, useReview, type Proposal } from './api';
import { showPathError } from './components';
import { formatScore, labelOf, SCORES, weightedScore } from './model';

interface Values {
  scores: Record<string, number | undefined>;
  comment: string;
}

export function ReviewCard({ proposal, focus }: { proposal: Proposal; focus: boolean }) {
  const { t } = useTranslation('opencall');
  const language = currentLanguage();
  const { message } = App.useApp();
  const review = useReview(proposal.id, true);
  const [form] = Form.useForm<Values>();
  const save = useOpenCallAction((input: { scores: Record<string, number>; comment: string }) => opencallApi.saveReview(proposal.id, input));
  const scores = Form.useWatch('scores', form) ?? {};
  const criteria = review.data?.criteria ?? [];
  const preview = weightedScore(criteria, scores);
  const open = proposal.call.status === 'review';
  const ref = useRef<HTMLDivElement>(null);
  const scrolled = useRef(false);
  const loaded = !!review.data;

  useEffect(() => {
    if (!focus || !loaded || scrolled.current) return;
    scrolled.current = true;
    ref.current?.scrollIntoView?.({ behavior: 'smooth', block: 'start' });
  }, [focus, loaded]);

  const submit = async (values: Values) => {
    const out: Record<string, number> = {};
    for (const c of criteria) if (typeof values.scores?.[c.code] === 'number') out[c.code] = values.scores[c.code]!;
    try {
      await save.mutateAsync({ scores: out, comment: (values.comment ?? '').trim() });
      void message.success(t('review.saved'));
    } catch (error) {
      if (!showPathError(form, error, t, ['scores', 'comment'], ['scores'])) void message.error(errorMessage(error, t));
    }
  };

  return (
    <div ref={ref} id="review">
      <Card title={t('review.title')} style={{ marginBottom: 16 }} data-testid="review-card">
        {review.isPending ? (
          <Skeleton active />
        ) : review.isError ? (
          <Alert type="error" showIcon title={errorMessage(review.error, t)} />
        ) : (
          <>
            {review.data.submitted_at ? (
              <Alert
                type="success"
                showIcon
                style={{ marginBottom: 12 }}
                title={t('review.submittedAt', { at: formatDateTime(review.data.submitted_at, language) })}
                description={open ? t('review.changeable') : undefined}
              />
            ) : (
              <Typography.Paragraph type="secondary">{t('review.intro')}</Typography.Paragraph>
            )}
            <Form<Values>
              form={form}
              layout="vertical"
              disabled={!open}
              initialValues={{ scores: review.data.scores ?? {}, comment: review.data.comment ?? '' }}
              onFinish={submit}
            >
              {criteria.map((c) => (
                <Form.Item
                  key={c.code}
                  name={['scores', c.code]}
                  label={t('review.criterion', { label: labelOf(c, language), weight: c.weight })}
                  rules={[{ required: true, message: t('review.scoreRequired') }]}
                >
                  <Radio.Group
                    optionType="button"
                    buttonStyle="solid"
                    options={SCORES.map((s) => ({ value: s, label: String(s) }))}
                    aria-label={labelOf(c, language)}
                    data-testid={`score-${c.code}`}
                  />
                </Form.Item>
              ))}
              <Typography.Paragraph type="secondary">{t('review.scale')}</Typography.Paragraph>
              <Form.Item name="comment" label={t('review.comment')} rules={[{ max: 4000 }]}>
                <Input.TextArea rows={4} data-testid="review-comment" />
              </Form.Item>
              <Typography.Paragraph data-testid="review-weighted">{t('review.weighted', { score: formatScore(preview) })}</Typography.Paragraph>
              <Button type="primary" htmlType="submit" icon={<CheckOutlined />} loading={save.isPending} data-testid="review-submit">
                {review.data.submitted_at ? t('review.update') : t('review.submit')}
              </Button>
            </Form>
          </>
        )}
      </Card>
    </div>
  );
}
