import { Input } from 'antd';
import type { PasswordProps } from 'antd/es/input/Password';

// Every PIN, passphrase and backup password field. antd 6 puts a password field's 显示 (eye) toggle in the
// Tab order, so a clerk who types a secret, presses Tab and types it again lands on the eye, and the second
// entry goes into the first field (found by e2e staff-credential). The toggle stays clickable; Tab goes from
// field to field, as the browser's own password fields do.

export function SecretInput(props: PasswordProps) {
  return <Input.Password visibilityToggle={{ tabIndex: -1 }} {...props} />;
}
