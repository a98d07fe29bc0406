// The form of a new protocol: one of my projects, the category, the committee (with its next
// meeting and cut-off), the review type, the planned period, the target and the sites. The title
// defaults to the project's on the server when left blank.
import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorMessage, showFieldError } from '../../shell/errors';
import { displayName } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { useProjects } from '../projects/api';
import { ethicsApi, useCommittees, useEthicsMutation, type ProtocolInput } from './api';
import { PlanFields } from './components';
import { CATEGORIES, REVIEW_TYPES, titleOf, type Category } from './model';

interface Values {
  project_id: string;
  category: Category;
  committee_id: string;
  review_type: string;
  title_ja?: string;
  title_en?: string;
  planned_start?: string;
  planned_end?: string;
  target_enrolment?: number | null;
  sites?: string[];
}

const FIELDS = ['project_id', 'category', 'committee_id', 'review_type', 'title_ja', 'title_en', 'planned_start', 'planned_end', 'target_enrolment', 'sites'];

export function NewProtocolModal({ onClose, projectId }: { onClose: () => void; projectId?: string }) {
  const { t } = useTranslation('ethics');
  const { message } = App.useApp();
  const language = currentLanguage();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const projects = useProjects({ mine: true });
  const committees = useCommittees();
  const create = useEthicsMutation((body: ProtocolInput) => ethicsApi.create(body));
  const committeeId = Form.useWatch('committee_id', form);
  const chosen = committees.data?.find((c) => c.id === committeeId);
  const mine = (projects.data ?? []).filter((p) => p.member !== false && p.status !== 'rejected' && p.status !== 'closed');

  const submit = (v: Values) => {
    const body: ProtocolInput = {
      project_id: v.project_id,
      category: v.category,
      committee_id: v.committee_id,
      review_type: v.review_type,
      sites: v.sites ?? [],
    };
    if (v.title_ja?.trim()) body.title_ja = v.title_ja.trim();
    if (v.title_en?.trim()) body.title_en = v.title_en.trim();
    if (v.planned_start) body.planned_start = v.planned_start;
    if (v.planned_end) body.planned_end = v.planned_end;
    if (v.target_enrolment !== undefined && v.target_enrolment !== null) body.target_enrolment = v.target_enrolment;
    create.mutate(body, {
      onSuccess: (p) => {
        onClose();
        void navigate(`/ethics/protocols/${p.id}`);
      },
      onError: (e) => {
        if (!showFieldError(form, e, t, FIELDS)) void message.error(errorMessage(e, t));
      },
    });
  };

  return (
    <Modal
      open
      title={t('new')}
      onCancel={onClose}
      okText={t('form.create')}
      cancelText={t('actions.cancel')}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'ethics-create' }}
      destroyOnHidden
      width={640}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ project_id: projectId, review_type: 'full', category: 'observational' }}
        data-testid="ethics-new-form"
      >
        <Form.Item name="project_id" label={t('form.project')} extra={t('form.projectHelp')} rules={[{ required: true, message: t('form.required') }]}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={projects.isLoading}
            notFoundContent={projects.isLoading ? undefined : t('form.noProjects')}
            options={mine.map((p) => ({ value: p.id, label: titleOf(p, language) }))}
            data-testid="ethics-project"
          />
        </Form.Item>
        <Form.Item name="category" label={t('form.category')} rules={[{ required: true, message: t('form.required') }]}>
          <Select options={CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) }))} data-testid="ethics-category" />
        </Form.Item>
        <Form.Item
          name="committee_id"
          label={t('form.committee')}
          rules={[{ required: true, message: t('form.required') }]}
          extra={
            chosen &&
            (chosen.next_meeting ? (
              <span data-testid="ethics-next-meeting">
                {t('form.nextMeeting', { meets: chosen.next_meeting.meets_on, cutoff: chosen.next_meeting.cutoff_on })}
              </span>
            ) : (
              t('form.noMeeting')
            ))
          }
        >
          <Select
            loading={committees.isLoading}
            options={(committees.data ?? []).filter((c) => c.active).map((c) => ({ value: c.id, label: displayName(c, language) }))}
            data-testid="ethics-committee"
          />
        </Form.Item>
        <Form.Item name="review_type" label={t('form.reviewType')}>
          <Select options={REVIEW_TYPES.map((r) => ({ value: r, label: t(`reviewTypes.${r}`) }))} />
        </Form.Item>
        <Form.Item name="title_ja" label={t('form.titleJa')} extra={t('form.titleHelp')}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="title_en" label={t('form.titleEn')}>
          <Input maxLength={300} />
        </Form.Item>
        <PlanFields />
      </Form>
    </Modal>
  );
}
