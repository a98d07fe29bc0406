// The public page of an open event, reachable without signing in: what, when, where, and a
// guest registration form (name, affiliation, email) that answers with the waiting-list place.
// A guest's own link (?registration=TOKEN, also remembered in this browser) shows their state
// and waiting-list place after a reload and lets them cancel.
import { App as AntApp, Alert, Button, Card, Descriptions, Form, Input, Result, Segmented, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../shell/api';
import { errorMessage } from '../../shell/errors';
import { displayName, formatDateTime } from '../../shell/format';
import { applyLanguage, currentLanguage } from '../../shell/i18n';
import { useCancelGuestRegistration, useGuestRegistration, useGuestRegistrationState, usePublicEvent } from './api';
import { eventDescription, eventTitle } from './events';
import { tokyoTime } from './time';
import './building.css';

type GuestForm = { name: string; affiliation: string; email: string };

const storageKey = (id: string) => `renkei.guest-registration.${id}`;

function rememberedToken(id: string): string | null {
  try {
    return window.localStorage.getItem(storageKey(id));
  } catch {
    return null;
  }
}

function remember(id: string, token: string | null) {
  try {
    if (token) window.localStorage.setItem(storageKey(id), token);
    else window.localStorage.removeItem(storageKey(id));
  } catch {
    // private mode: the link in the address bar still works
  }
}

export function PublicEventPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('building');
  const language = currentLanguage();
  const event = usePublicEvent(id);
  const register = useGuestRegistration(id);
  const cancel = useCancelGuestRegistration(id);
  const { modal, message } = AntApp.useApp();
  const [form] = Form.useForm<GuestForm>();
  const [params, setParams] = useSearchParams();
  const token = params.get('registration') ?? rememberedToken(id);
  const mine = useGuestRegistrationState(id, token);
  const [done, setDone] = useState<{ status: string; position: number } | null>(null);

  const submit = async (values: GuestForm) => {
    try {
      const r = await register.mutateAsync({ name: values.name.trim(), affiliation: (values.affiliation ?? '').trim(), email: values.email.trim() });
      setDone({ status: r.status, position: r.waitlist_position });
      if (r.cancel_token) {
        remember(id, r.cancel_token);
        setParams({ registration: r.cancel_token }, { replace: true });
      }
    } catch (error) {
      if (error instanceof ApiError && error.field && ['name', 'affiliation', 'email'].includes(error.field)) {
        form.setFields([{ name: error.field as keyof GuestForm, errors: [error.status === 409 ? t('public.already') : error.message] }]);
        return;
      }
      form.setFields([{ name: 'email', errors: [errorMessage(error, t)] }]);
    }
  };

  const header = (
    <div className="public-event-header">
      <Typography.Text strong>{t('public.centre')}</Typography.Text>
      <Segmented
        size="small"
        value={language}
        onChange={(v) => void applyLanguage(v as 'ja' | 'en')}
        options={[
          { value: 'ja', label: '日本語' },
          { value: 'en', label: 'English' },
        ]}
      />
    </div>
  );
  if (event.isPending)
    return (
      <div className="public-event">
        {header}
        <Spin />
      </div>
    );
  if (event.isError || !event.data)
    return (
      <div className="public-event">
        {header}
        <Result status="404" title={t('public.notFound')} />
      </div>
    );
  const e = event.data;
  const full = e.registered >= e.capacity;
  const state = token && mine.data ? mine.data : null;
  // A link from the address bar that does not work is worth saying; a stale one remembered here is not.
  const invalidLink = !!params.get('registration') && mine.isError;
  const confirmCancel = () =>
    modal.confirm({
      title: t('public.cancelConfirm'),
      okText: t('public.cancelRegistration'),
      okButtonProps: { danger: true },
      cancelText: t('form.cancel'),
      onOk: () =>
        cancel
          .mutateAsync(token!)
          .then(() => {
            setDone(null);
            message.success(t('public.cancelledDone'));
          })
          .catch((error) => message.error(errorMessage(error, t))),
    });
  return (
    <div className="public-event">
      {header}
      <Card>
        <Tag color="blue">{t(`eventKind.${e.kind}`)}</Tag>
        <Typography.Title level={2} style={{ marginTop: 8 }} data-testid="public-event-title">
          {eventTitle(e, language)}
        </Typography.Title>
        <Descriptions column={1} size="small" bordered labelStyle={{ whiteSpace: 'nowrap', width: 1 }}>
          <Descriptions.Item label={t('public.when')}>
            {formatDateTime(e.start, language).slice(0, -3)}–{tokyoTime(e.end)} {t('public.jst')}
          </Descriptions.Item>
          <Descriptions.Item label={t('public.where')}>{displayName({ name_ja: e.space_name_ja, name_en: e.space_name_en }, language)}</Descriptions.Item>
          <Descriptions.Item label={t('public.places')}>
            {full ? t('public.full', { capacity: e.capacity }) : t('public.left', { count: e.capacity - e.registered, capacity: e.capacity })}
          </Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph style={{ marginTop: 16, whiteSpace: 'pre-wrap' }}>{eventDescription(e, language)}</Typography.Paragraph>
      </Card>
      <Card title={t('public.register')} style={{ marginTop: 16 }}>
        {invalidLink && <Alert type="warning" showIcon message={t('public.linkInvalid')} style={{ marginBottom: 12 }} />}
        {state && state.status !== 'cancelled' ? (
          <>
            <Result
              status={state.status === 'registered' ? 'success' : 'info'}
              title={
                done
                  ? done.status === 'registered'
                    ? t('public.registered')
                    : t('public.waitlisted', { position: done.position })
                  : state.status === 'registered'
                    ? t('public.stateRegistered', { name: state.name })
                    : t('public.stateWaitlisted', { name: state.name, position: state.waitlist_position })
              }
              subTitle={
                <>
                  {done && state.status === 'waitlisted' && done.position !== state.waitlist_position ? (
                    <div>{t('public.stateWaitlisted', { name: state.name, position: state.waitlist_position })}</div>
                  ) : null}
                  {state.status === 'registered' && <div>{t('public.thanks')}</div>}
                </>
              }
              data-testid="public-result"
              extra={
                <Button danger onClick={confirmCancel} loading={cancel.isPending} data-testid="public-cancel">
                  {t('public.cancelRegistration')}
                </Button>
              }
            />
            <Alert
              type="info"
              showIcon
              message={t('public.yourLink')}
              description={
                <Typography.Text copyable code style={{ wordBreak: 'break-all' }}>
                  {`${window.location.origin}/public/events/${id}?registration=${token}`}
                </Typography.Text>
              }
              data-testid="public-own-link"
            />
          </>
        ) : done && !token ? (
          <Result
            status={done.status === 'registered' ? 'success' : 'info'}
            title={done.status === 'registered' ? t('public.registered') : t('public.waitlisted', { position: done.position })}
            subTitle={t('public.thanks')}
            data-testid="public-result"
          />
        ) : token && mine.isPending ? (
          <Spin />
        ) : (
          <>
            {state?.status === 'cancelled' && (
              <Alert
                type="info"
                showIcon
                message={t('public.stateCancelled', { name: state.name })}
                style={{ marginBottom: 12 }}
                data-testid="public-cancelled"
              />
            )}
            {full && <Alert type="warning" showIcon message={t('public.fullWaitlist')} style={{ marginBottom: 12 }} />}
            <Form<GuestForm> form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark>
              <Form.Item name="name" label={t('public.name')} rules={[{ required: true, whitespace: true, message: t('public.nameRequired') }]}>
                <Input maxLength={100} autoComplete="name" />
              </Form.Item>
              <Form.Item name="affiliation" label={t('public.affiliation')}>
                <Input maxLength={200} autoComplete="organization" />
              </Form.Item>
              <Form.Item
                name="email"
                label={t('public.email')}
                rules={[
                  { required: true, message: t('public.emailRequired') },
                  { type: 'email', message: t('public.emailInvalid') },
                ]}
              >
                <Input maxLength={254} autoComplete="email" inputMode="email" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={register.isPending} data-testid="public-submit">
                {full ? t('public.joinWaitlist') : t('public.submit')}
              </Button>
            </Form>
          </>
        )}
      </Card>
    </div>
  );
}
