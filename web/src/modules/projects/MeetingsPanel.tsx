// Progress review meetings: pick members, see their common free times with a free room (the
// building module's slot finder), book it, then record minutes and decisions — a decision can
// become a task (a milestone with owner and due date that lands in the owner's inbox).
import { App, Button, Card, Checkbox, Collapse, Empty, Form, Input, Radio, Select, Space, Tag, Typography } from 'antd';
import { CalendarOutlined, CheckSquareOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../shell/api';
import { errorMessage, showFieldError } from '../../shell/errors';
import { displayName, formatDateTime } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { projectApi, useMeetings, useProjectAction, useSlots, type Meeting, type Project, type SlotProposal } from './api';
import { addMinutes, groupSlotsByDay, slotWindow, tokyoLocalToIso } from './model';
import { DateField } from '../../shell/DateField';

const STATUS_COLOURS: Record<Meeting['status'], string> = { planned: 'blue', held: 'green', cancelled: 'default' };

function time(iso: string, language: 'ja' | 'en') {
  return formatDateTime(iso, language).slice(0, -3);
}

function ScheduleCard({ project, me, onCreated }: { project: Project; me: Me; onCreated: (m: Meeting) => void }) {
  const { t } = useTranslation('projects');
  const language = currentLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ title: string; attendee_ids: string[]; minutes: number; manual?: string }>();
  const members = project.members ?? [];
  const [query, setQuery] = useState<{ people: string[]; minutes: number; from: string; to: string } | null>(null);
  const [chosen, setChosen] = useState<SlotProposal | null>(null);
  const slots = useSlots(query);
  const create = useProjectAction(project.id, (v: Parameters<typeof projectApi.createMeeting>[1]) => projectApi.createMeeting(project.id, v));
  const byDay = useMemo(() => groupSlotsByDay(slots.data ?? []), [slots.data]);

  const find = () => {
    const people: string[] = form.getFieldValue('attendee_ids') ?? [];
    const minutes: number = form.getFieldValue('minutes') ?? 60;
    const all = Array.from(new Set([...(members.some((m) => m.person.id === me.id) ? [me.id] : []), ...people]));
    setChosen(null);
    setQuery({ people: all, minutes, ...slotWindow(new Date(), 14) });
  };

  const submit = async (v: { title: string; attendee_ids: string[]; minutes: number; manual?: string }) => {
    let start: string | null = null;
    let end: string | null = null;
    let space_id: string | undefined;
    if (chosen) {
      start = chosen.start;
      end = chosen.end;
      space_id = chosen.space_id;
    } else if (v.manual) {
      start = tokyoLocalToIso(v.manual);
      end = start ? addMinutes(start, v.minutes ?? 60) : null;
    }
    if (!start || !end) {
      void message.error(t('meetings.pickTime'));
      return;
    }
    try {
      const meeting = await create.mutateAsync({ title: v.title, attendee_ids: v.attendee_ids ?? [], start, end, space_id });
      void message.success(t('meetings.created'));
      onCreated(meeting);
      form.resetFields();
      setChosen(null);
      setQuery(null);
    } catch (error) {
      if (!showFieldError(form, error, t, ['title', 'attendee_ids', 'start', 'end', 'space_id'])) void message.error(errorMessage(error, t));
    }
  };

  return (
    <Card
      size="small"
      title={
        <>
          <CalendarOutlined /> {t('meetings.schedule')}
        </>
      }
      data-testid="meeting-schedule"
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ title: t('meetings.defaultTitle'), minutes: 60, attendee_ids: members.map((m) => m.person.id).filter((id) => id !== me.id) }}
      >
        <Form.Item name="title" label={t('meetings.titleField')} rules={[{ required: true, whitespace: true, message: t('meetings.titleRequired') }]}>
          <Input maxLength={200} data-testid="meeting-title" />
        </Form.Item>
        <Form.Item name="attendee_ids" label={t('meetings.attendees')}>
          <Checkbox.Group
            options={members
              .filter((m) => m.person.id !== me.id)
              .map((m) => ({ value: m.person.id, label: `${displayName(m.person, language)}（${t(`role.${m.role}`)}）` }))}
            onChange={() => setQuery(null)}
          />
        </Form.Item>
        <Form.Item name="minutes" label={t('meetings.length')}>
          <Radio.Group
            optionType="button"
            options={[30, 60, 90, 120].map((m) => ({ value: m, label: t('meetings.minutes', { count: m }) }))}
            onChange={() => setQuery(null)}
          />
        </Form.Item>
        <Space style={{ marginBottom: 12 }}>
          <Button icon={<SearchOutlined />} onClick={find} loading={slots.isFetching} data-testid="meeting-find">
            {t('meetings.findTimes')}
          </Button>
          <Typography.Text type="secondary">{t('meetings.findHelp')}</Typography.Text>
        </Space>
        {slots.isError && <Typography.Paragraph type="danger">{errorMessage(slots.error, t)}</Typography.Paragraph>}
        {query && slots.data && slots.data.length === 0 && <Typography.Paragraph type="secondary">{t('meetings.noSlots')}</Typography.Paragraph>}
        {byDay.size > 0 && (
          <div className="meeting-slots" data-testid="meeting-slots" style={{ marginBottom: 12 }}>
            {[...byDay.entries()].map(([day, list]) => (
              <div key={day} style={{ marginBottom: 6 }}>
                <Typography.Text strong style={{ marginRight: 8 }}>
                  {formatDateTime(list[0].start, language).slice(0, language === 'ja' ? 10 : 11)}
                </Typography.Text>
                <Space wrap size={4}>
                  {list.map((s) => (
                    <Button
                      key={s.start + s.space_id}
                      size="small"
                      type={chosen === s ? 'primary' : 'default'}
                      onClick={() => setChosen(s)}
                      data-testid="meeting-slot"
                    >
                      {time(s.start, language).slice(-5)}–{time(s.end, language).slice(-5)} ·{' '}
                      {language === 'en' ? s.space_name_en || s.space_name_ja : s.space_name_ja}
                    </Button>
                  ))}
                </Space>
              </div>
            ))}
          </div>
        )}
        {!chosen && (
          <Form.Item name="manual" label={t('meetings.manual')} extra={t('meetings.manualHelp')}>
            <Input type="datetime-local" style={{ width: 240 }} data-testid="meeting-manual" />
          </Form.Item>
        )}
        {chosen && (
          <Typography.Paragraph data-testid="meeting-chosen">
            {t('meetings.chosen')}:{' '}
            <strong>
              {time(chosen.start, language)}–{time(chosen.end, language).slice(-5)}
            </strong>{' '}
            · {language === 'en' ? chosen.space_name_en || chosen.space_name_ja : chosen.space_name_ja}{' '}
            <Button size="small" type="link" onClick={() => setChosen(null)}>
              {t('meetings.clear')}
            </Button>
          </Typography.Paragraph>
        )}
        <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={create.isPending} data-testid="meeting-submit">
          {chosen ? t('meetings.bookAndCreate') : t('meetings.create')}
        </Button>
      </Form>
    </Card>
  );
}

function DecisionForm({ project, meeting, canPlan }: { project: Project; meeting: Meeting; canPlan: boolean }) {
  const { t } = useTranslation('projects');
  const language = currentLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ text: string; task: boolean; owner_id?: string; due_on?: string }>();
  const asTask = Form.useWatch('task', form);
  const add = useProjectAction(project.id, (v: { text: string; owner_id?: string; due_on?: string }) => projectApi.addDecision(project.id, meeting.id, v));
  return (
    <Form
      form={form}
      layout="inline"
      style={{ rowGap: 8 }}
      onFinish={async (v) => {
        try {
          await add.mutateAsync(v.task ? { text: v.text, owner_id: v.owner_id, due_on: v.due_on } : { text: v.text });
          form.resetFields();
          void message.success(v.task ? t('meetings.taskCreated') : t('meetings.decisionAdded'));
        } catch (error) {
          if (!showFieldError(form, error, t, ['text', 'owner_id', 'due_on'])) void message.error(errorMessage(error, t));
        }
      }}
    >
      <Form.Item name="text" rules={[{ required: true, whitespace: true, message: t('meetings.decisionRequired') }]} style={{ minWidth: 280, flex: 1 }}>
        <Input placeholder={t('meetings.decision')} maxLength={2000} data-testid="decision-text" />
      </Form.Item>
      {canPlan && (
        <Form.Item name="task" valuePropName="checked">
          <Checkbox data-testid="decision-task">{t('meetings.asTask')}</Checkbox>
        </Form.Item>
      )}
      {asTask && (
        <>
          <Form.Item name="owner_id" rules={[{ required: true, message: t('milestones.ownerRequired') }]}>
            <Select
              placeholder={t('milestones.owner')}
              style={{ width: 180 }}
              options={(project.members ?? []).map((m) => ({ value: m.person.id, label: displayName(m.person, language) }))}
              data-testid="decision-owner"
            />
          </Form.Item>
          <Form.Item name="due_on" rules={[{ required: true, message: t('milestones.dueRequired') }]}>
            <DateField aria-label={t('milestones.due')} data-testid="decision-due" />
          </Form.Item>
        </>
      )}
      <Button htmlType="submit" icon={<PlusOutlined />} loading={add.isPending} data-testid="decision-add">
        {t('meetings.addDecision')}
      </Button>
    </Form>
  );
}

function MakeTask({ project, meeting, decisionId }: { project: Project; meeting: Meeting; decisionId: string }) {
  const { t } = useTranslation('projects');
  const language = currentLanguage();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ owner_id: string; due_on: string }>();
  const make = useProjectAction(project.id, (v: { owner_id: string; due_on: string }) => projectApi.decisionToTask(project.id, meeting.id, decisionId, v));
  if (!open)
    return (
      <Button size="small" type="link" icon={<CheckSquareOutlined />} onClick={() => setOpen(true)}>
        {t('meetings.makeTask')}
      </Button>
    );
  return (
    <Form
      form={form}
      layout="inline"
      size="small"
      onFinish={async (v) => {
        try {
          await make.mutateAsync(v);
          setOpen(false);
          void message.success(t('meetings.taskCreated'));
        } catch (error) {
          if (!showFieldError(form, error, t, ['owner_id', 'due_on'])) void message.error(errorMessage(error, t));
        }
      }}
    >
      <Form.Item name="owner_id" rules={[{ required: true, message: t('milestones.ownerRequired') }]}>
        <Select
          style={{ width: 160 }}
          placeholder={t('milestones.owner')}
          options={(project.members ?? []).map((m) => ({ value: m.person.id, label: displayName(m.person, language) }))}
        />
      </Form.Item>
      <Form.Item name="due_on" rules={[{ required: true, message: t('milestones.dueRequired') }]}>
        <DateField aria-label={t('milestones.due')} />
      </Form.Item>
      <Button htmlType="submit" size="small" type="primary" loading={make.isPending}>
        {t('meetings.makeTask')}
      </Button>
    </Form>
  );
}

function MeetingBody({ project, meeting, canPlan }: { project: Project; meeting: Meeting; canPlan: boolean }) {
  const { t } = useTranslation('projects');
  const language = currentLanguage();
  const { message } = App.useApp();
  const [minutes, setMinutes] = useState(meeting.minutes);
  const save = useProjectAction(project.id, (v: { minutes?: string; status?: string }) => projectApi.updateMeeting(project.id, meeting.id, v));
  const run = (v: { minutes?: string; status?: string }, ok: string) =>
    save.mutate(v, { onSuccess: () => void message.success(ok), onError: (error) => void message.error(errorMessage(error, t)) });
  const open = meeting.status !== 'cancelled';
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12} data-testid="meeting-body">
      <div className="muted">
        {t('meetings.attendees')}: {meeting.attendees.map((a) => displayName(a, language)).join('、')}
      </div>
      <div>
        <Typography.Text strong>{t('meetings.minutesField')}</Typography.Text>
        <Input.TextArea
          rows={4}
          value={minutes}
          onChange={(e) => setMinutes(e.target.value)}
          disabled={!open}
          maxLength={20000}
          data-testid="meeting-minutes"
        />
        {open && (
          <Space style={{ marginTop: 6 }}>
            <Button
              size="small"
              type="primary"
              loading={save.isPending}
              onClick={() => run({ minutes, status: meeting.status === 'planned' ? 'held' : undefined }, t('meetings.minutesSaved'))}
              data-testid="meeting-save-minutes"
            >
              {t('meetings.saveMinutes')}
            </Button>
            {meeting.status === 'planned' && (
              <Button size="small" danger onClick={() => run({ status: 'cancelled' }, t('meetings.cancelled'))}>
                {t('meetings.cancel')}
              </Button>
            )}
          </Space>
        )}
      </div>
      <div>
        <Typography.Text strong>{t('meetings.decisions')}</Typography.Text>
        {meeting.decisions.length === 0 ? (
          <div className="muted">{t('common.none')}</div>
        ) : (
          <ol style={{ paddingLeft: 20, margin: '6px 0' }} data-testid="meeting-decisions">
            {meeting.decisions.map((d) => (
              <li key={d.id} data-testid="meeting-decision">
                {d.text}{' '}
                {d.task ? (
                  <Tag color={d.task.done ? 'green' : d.task.overdue ? 'red' : 'blue'} data-testid="decision-task-tag">
                    {t('meetings.task')}: {displayName(d.task.owner, language)} · {d.task.due_on}
                    {d.task.done ? ` · ${t('meetings.done')}` : ''}
                  </Tag>
                ) : (
                  canPlan && open && <MakeTask project={project} meeting={meeting} decisionId={d.id} />
                )}
              </li>
            ))}
          </ol>
        )}
        {open && <DecisionForm project={project} meeting={meeting} canPlan={canPlan} />}
      </div>
    </Space>
  );
}

export function MeetingsPanel({ project, me }: { project: Project; me: Me }) {
  const { t } = useTranslation('projects');
  const language = currentLanguage();
  const meetings = useMeetings(project.id, true);
  const perms = project.permissions;
  const mayMeet = (!!perms?.member || me.roles.includes('office')) && project.status === 'active';
  const canPlan = !!perms?.edit;
  const items = meetings.data?.items ?? [];
  const [open, setOpen] = useState<string[] | null>(null);
  const activeKeys =
    open ??
    items
      .filter((m) => m.status !== 'cancelled')
      .slice(0, 1)
      .map((m) => m.id);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {items.length === 0 && !meetings.isPending && <Empty description={t('meetings.empty')} />}
      {items.length > 0 && (
        <Collapse
          activeKey={activeKeys}
          onChange={(keys) => setOpen(Array.isArray(keys) ? keys : [keys])}
          items={items.map((m) => ({
            key: m.id,
            label: (
              <Space wrap data-testid="meeting-row" data-meeting={m.id}>
                <Tag color={STATUS_COLOURS[m.status]}>{t(`meetings.status.${m.status}`)}</Tag>
                <strong>{m.title}</strong>
                <span>
                  {time(m.start, language)}–{time(m.end, language).slice(-5)}
                </span>
                {m.space_id && <Tag>{language === 'en' ? m.space_name_en || m.space_name_ja : m.space_name_ja}</Tag>}
                {m.decisions.length > 0 && <span className="muted">{t('meetings.decisionCount', { count: m.decisions.length })}</span>}
              </Space>
            ),
            children: mayMeet ? <MeetingBody project={project} meeting={m} canPlan={canPlan} /> : <ReadOnly meeting={m} />,
          }))}
        />
      )}
      {mayMeet && <ScheduleCard project={project} me={me} onCreated={(m) => setOpen([m.id])} />}
    </Space>
  );
}

function ReadOnly({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation('projects');
  const language = currentLanguage();
  return (
    <Space orientation="vertical">
      <div className="muted">
        {t('meetings.attendees')}: {meeting.attendees.map((a) => displayName(a, language)).join('、')}
      </div>
      <div className="pre-wrap">{meeting.minutes || '—'}</div>
      <ol>
        {meeting.decisions.map((d) => (
          <li key={d.id}>{d.text}</li>
        ))}
      </ol>
    </Space>
  );
}
