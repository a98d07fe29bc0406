// The pair of title fields every bilingual form asks for: Japanese (required) beside English
// (optional), side by side on a wide screen and stacked on a phone. Used inside an Ant Design Form
// whose values have `title_ja` and `title_en`.
import { Col, Form, Input, Row } from 'antd';

export function TitleFields({
  labelJa,
  labelEn,
  requiredMessage,
  testId,
}: {
  labelJa: string;
  labelEn: string;
  requiredMessage: string;
  /** data-testid of the Japanese title's input. */
  testId?: string;
}) {
  return (
    <Row gutter={12}>
      <Col xs={24} md={12}>
        <Form.Item name="title_ja" label={labelJa} rules={[{ required: true, whitespace: true, message: requiredMessage }, { max: 200 }]}>
          <Input data-testid={testId} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="title_en" label={labelEn} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
      </Col>
    </Row>
  );
}
