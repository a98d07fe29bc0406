// The building floor by floor, with each space's kind, size and booking rules; the office edits a space.
import { App as AntApp, Button, Card, Form, Input, InputNumber, Modal, Select, Space as AntSpace, Switch, Tag, TimePicker } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import type { ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shell/api';
import { errorMessage } from '../../shell/errors';
import { displayName } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { ResponsiveTable } from '../../shell/ResponsiveTable';
import { useUpdateSpace, type Space } from './api';

const KINDS = [
  'meeting_room',
  'discussion_room',
  'lounge',
  'hall',
  'gallery',
  'open_lab',
  'lab_office',
  'office',
  'chemistry_lab',
  'storage',
  'electrical_room',
  'machine_room',
  'other',
];

type SpaceForm = {
  kind: string;
  name_ja: string;
  name_en: string;
  capacity: number;
  bookable: boolean;
  needs_approval: boolean;
  hours: [Dayjs, Dayjs];
  max_minutes: number;
};

function SpaceModal({ space, onClose }: { space: Space | null; onClose: () => void }) {
  const { t } = useTranslation('building');
  const [form] = Form.useForm<SpaceForm>();
  const update = useUpdateSpace();
  const { message } = AntApp.useApp();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await update.mutateAsync({
        id: space!.id,
        patch: {
          kind: v.kind,
          name_ja: v.name_ja,
          name_en: v.name_en ?? '',
          capacity: v.capacity,
          bookable: v.bookable,
          needs_approval: v.needs_approval,
          opens_at: v.hours[0].format('HH:mm'),
          closes_at: v.hours[1].format('HH:mm'),
          max_minutes: v.max_minutes,
        },
      });
      message.success(t('spaceForm.saved'));
      onClose();
    } catch (error) {
      const field = error instanceof ApiError ? error.field : null;
      const name = field === 'opens_at' || field === 'closes_at' ? 'hours' : field;
      if (name && ['kind', 'name_ja', 'name_en', 'capacity', 'hours', 'max_minutes'].includes(name))
        form.setFields([{ name: name as keyof SpaceForm, errors: [name === 'hours' ? t('spaceForm.hoursOrder') : (error as ApiError).message] }]);
      else message.error(errorMessage(error, t));
    }
  };
  return (
    <Modal
      open={space !== null}
      title={t('spaceForm.title')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('spaceForm.save')}
      cancelText={t('form.cancel')}
      okButtonProps={{ loading: update.isPending, 'data-testid': 'space-save' } as ButtonProps}
      destroyOnClose
    >
      {space && (
        <Form<SpaceForm>
          form={form}
          layout="vertical"
          initialValues={{
            kind: space.kind,
            name_ja: space.name_ja,
            name_en: space.name_en,
            capacity: space.capacity,
            bookable: space.bookable,
            needs_approval: space.needs_approval,
            hours: [dayjs(`2000-01-01T${space.opens_at}`), dayjs(`2000-01-01T${space.closes_at}`)],
            max_minutes: space.max_minutes,
          }}
        >
          <AntSpace wrap>
            <Form.Item name="name_ja" label={t('spaceForm.nameJa')} rules={[{ required: true }]}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="name_en" label={t('spaceForm.nameEn')}>
              <Input maxLength={200} />
            </Form.Item>
          </AntSpace>
          <AntSpace wrap>
            <Form.Item name="kind" label={t('space.kind')}>
              <Select style={{ width: 200 }} options={KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
            </Form.Item>
            <Form.Item name="capacity" label={t('space.capacity')}>
              <InputNumber min={0} max={2000} addonAfter={t('spaceForm.people')} />
            </Form.Item>
          </AntSpace>
          <AntSpace wrap>
            <Form.Item name="bookable" valuePropName="checked" label={t('spaceForm.bookable')}>
              <Switch />
            </Form.Item>
            <Form.Item name="needs_approval" valuePropName="checked" label={t('spaceForm.needsApproval')}>
              <Switch />
            </Form.Item>
          </AntSpace>
          <AntSpace wrap>
            <Form.Item name="hours" label={t('space.hours')} rules={[{ required: true }]}>
              <TimePicker.RangePicker format="HH:mm" minuteStep={15} allowClear={false} order={false} />
            </Form.Item>
            <Form.Item name="max_minutes" label={t('spaceForm.maxMinutes')} extra={t('spaceForm.maxMinutesHelp')}>
              <InputNumber min={15} max={1440} step={15} addonAfter={t('spaceForm.minutes')} />
            </Form.Item>
          </AntSpace>
        </Form>
      )}
    </Modal>
  );
}

export function FloorList({
  spaces,
  floors,
  office,
}: {
  spaces: Space[];
  floors: { code: string; name_ja: string; name_en: string; area_m2: number }[];
  office: boolean;
}) {
  const { t } = useTranslation('building');
  const language = currentLanguage();
  const [editing, setEditing] = useState<Space | null>(null);
  return (
    <AntSpace direction="vertical" style={{ width: '100%' }}>
      {floors.map((floor) => {
        const onFloor = spaces.filter((s) => s.floor === floor.code);
        return (
          <Card key={floor.code} size="small" title={`${displayName(floor, language)} — ${floor.area_m2.toLocaleString()} m²`}>
            <ResponsiveTable<Space>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={onFloor}
              scroll={{ x: 700 }}
              columns={[
                { title: t('space.name'), key: 'name', render: (_, s) => displayName(s, language) },
                { title: t('space.kind'), key: 'kind', render: (_, s) => t(`kind.${s.kind}`) },
                { title: t('space.area'), dataIndex: 'area_m2', render: (v: number) => `${v} m²` },
                { title: t('space.capacity'), dataIndex: 'capacity' },
                { title: t('space.hours'), key: 'hours', render: (_, s) => (s.bookable ? `${s.opens_at}–${s.closes_at}` : '') },
                { title: t('space.max'), key: 'max', render: (_, s) => (s.bookable ? t('space.maxValue', { hours: s.max_minutes / 60 }) : '') },
                {
                  title: t('space.bookable'),
                  key: 'bookable',
                  render: (_, s) =>
                    s.bookable ? (
                      <Tag color={s.needs_approval ? 'orange' : 'green'}>{s.needs_approval ? t('space.approval') : t('space.yes')}</Tag>
                    ) : (
                      <Tag>{t('space.no')}</Tag>
                    ),
                },
                ...(office
                  ? [
                      {
                        title: '',
                        key: 'edit',
                        render: (_: unknown, s: Space) => (
                          <Button
                            size="small"
                            icon={<EditOutlined />}
                            onClick={() => setEditing(s)}
                            aria-label={t('spaceForm.editOf', { name: displayName(s, language) })}
                          >
                            {t('spaceForm.edit')}
                          </Button>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        );
      })}
      <SpaceModal space={editing} onClose={() => setEditing(null)} />
    </AntSpace>
  );
}
