import type { CSSProperties } from 'react';

const visuallyHidden: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
};

/**
 * The form's default button, invisible: a form whose visible buttons sit outside it (a drawer's
 * or modal's footer) still submits when Enter is pressed in one of its inputs. Put it inside the
 * antd <Form>; the visible button calls form.submit() as before.
 */
export function EnterSubmits() {
  return <button type="submit" tabIndex={-1} aria-hidden="true" style={visuallyHidden} />;
}
