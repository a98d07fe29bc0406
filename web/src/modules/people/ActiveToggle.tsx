import { Button, Popconfirm, Tooltip } from 'antd';
import { StopOutlined, UndoOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

/** The texts of an ActiveToggle, from the page's own namespace. */
export interface ActiveToggleTexts {
  deactivate: string;
  reactivate: string;
  confirmDeactivate: string; // names what is deactivated
  confirmReactivate: string;
}

/**
 * The small button of a list row that deactivates an active record or reactivates an inactive
 * one, each after a confirmation. `blockedReason` disables deactivation and says why (the admin's
 * own account, for one).
 */
export function ActiveToggle({
  active,
  texts,
  onChange,
  blockedReason,
}: {
  active: boolean;
  texts: ActiveToggleTexts;
  onChange: (active: boolean) => void;
  blockedReason?: string;
}) {
  const { t } = useTranslation();
  if (active) {
    return (
      <Popconfirm
        placement="bottomRight"
        title={texts.confirmDeactivate}
        okText={texts.deactivate}
        cancelText={t('shell:common.cancel')}
        okButtonProps={{ danger: true }}
        onConfirm={() => onChange(false)}
        disabled={blockedReason !== undefined}
      >
        <Tooltip title={blockedReason ?? texts.deactivate}>
          <Button size="small" danger icon={<StopOutlined />} aria-label={texts.deactivate} disabled={blockedReason !== undefined} />
        </Tooltip>
      </Popconfirm>
    );
  }
  return (
    <Popconfirm
      placement="bottomRight"
      title={texts.confirmReactivate}
      okText={texts.reactivate}
      cancelText={t('shell:common.cancel')}
      onConfirm={() => onChange(true)}
    >
      <Tooltip title={texts.reactivate}>
        <Button size="small" icon={<UndoOutlined />} aria-label={texts.reactivate} />
      </Tooltip>
    </Popconfirm>
  );
}
