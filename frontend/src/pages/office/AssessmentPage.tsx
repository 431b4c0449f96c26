import { ComingSoon } from '../../components/ComingSoon';

// Placeholder until the page is built.
export default function AssessmentPage() {
  return <ComingSoon title="menu.assessment" />;
}
