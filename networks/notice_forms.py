from django import forms

from .models import EmailPreference


class EmailPreferenceForm(forms.ModelForm):
    class Meta:
        model = EmailPreference
        fields = ["review_invitations", "review_reminders", "leader_summaries", "enquiry_comments", "activity_updates"]
