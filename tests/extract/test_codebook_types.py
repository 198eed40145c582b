"""ACLED's 25 sub-event types by the codebook's definitions (issue 12, item 1), on my own
example sentences from several countries (tuning examples, not ACLED notes): strategic
developments, protests and riots split by what the police and the crowd did, one-sided attacks
on civilians as Attack (not Armed clash), territory by who gains and when nobody fought."""

from datetime import date

import pytest

from sitrep.extract import extract_document
from sitrep.records import Document

PUB = date(2021, 5, 10)


def first_type(text: str) -> str | None:
    events = extract_document(Document.from_text(text, published=PUB)).events
    return events[0].sub_event_type if events else None


@pytest.mark.parametrize(
    "text,sub",
    [
        ('The Houthis and the Yemeni government agreed to a prisoner swap in Sanaa on Sunday.',
         'Agreement'),
        ('Rebel commanders and the army signed a ceasefire deal in Daraa on Saturday.',
         'Agreement'),
        ('Two armed factions announced their merger in Idlib on Sunday, forming a new coalition.',
         'Change to group/activity'),
        ('Authorities imposed a curfew in Bamako on Saturday after the unrest.',
         'Change to group/activity'),
        ('Al-Shabaab appointed a new leader in Jilib on Sunday.',
         'Change to group/activity'),
        ('Bomb disposal experts defused an explosive device planted near a school in '
         'Kabul on Sunday.',
         'Disrupted weapons use'),
        ('Police seized a cache of weapons and explosives in Maiduguri on Saturday.',
         'Disrupted weapons use'),
        ('Saudi air defences intercepted a ballistic missile fired by the Houthis toward '
         'Jizan on Sunday.',
         'Disrupted weapons use'),
        ('Turkish forces established a new military base near Duhok on Sunday.',
         'Headquarters or base established'),
        ('Gunmen looted shops and burned houses in a village in Zamfara on Saturday.',
         'Looting/property destruction'),
        ('Government troops withdrew from the town of Kidal without a fight on Sunday, '
         'handing it to the rebels.',
         'Non-violent transfer of territory'),
        ('Police arrested three opposition activists in Harare on Sunday.',
         'Arrests'),
        ('Hundreds of teachers protested peacefully in Nairobi on Sunday demanding higher pay.',
         'Peaceful protest'),
        ('Police dispersed protesters with tear gas in Khartoum on Sunday.',
         'Protest with intervention'),
        ('Security forces opened fire on peaceful protesters in Yangon on Sunday, killing five.',
         'Excessive force against protesters'),
        ('Protesters threw stones at police and set fire to a government building in '
         'Lagos on Saturday.',
         'Violent demonstration'),
        ('A mob lynched a suspected thief in Kano on Sunday.',
         'Mob violence'),
        ('Gunmen attacked a village in Borno on Sunday, killing 12 civilians.',
         'Attack'),
        ('Al-Shabaab militants attacked a bus carrying civilians near Mandera on '
         'Saturday, killing four passengers.',
         'Attack'),
        ('Al-Shabaab fighters attacked a military base in Lower Shabelle on Sunday; '
         'soldiers repelled the attack.',
         'Armed clash'),
        ('Taliban fighters clashed with Afghan security forces in Kunduz on Saturday.',
         'Armed clash'),
        ('The Iraqi army recaptured the village of Badush from ISIS on Sunday.',
         'Government regains territory'),
        ('JNIM militants seized the town of Boni from the Malian army on Sunday.',
         'Non-state actor overtakes territory'),
        ('Saudi-led coalition airstrikes hit a market in Saada on Sunday, killing 10 civilians.',
         'Air/drone strike'),
        ('Houthi forces clashed with STC fighters in Abyan on Sunday.',
         'Armed clash'),
        ('Turkish drones struck PKK positions in northern Iraq on Sunday.',
         'Air/drone strike'),
        ('The Tatmadaw clashed with the Arakan Army in Rakhine on Sunday.',
         'Armed clash'),
        ('Gunmen from a cartel killed five people in Guanajuato on Sunday.',
         'Attack'),
        ('RSF fighters clashed with the Sudanese army in Khartoum on Sunday.',
         'Armed clash'),
        ('Russian forces shelled Kharkiv on Sunday, killing 3 civilians.',
         'Shelling/artillery/missile attack'),
        ('ADF rebels clashed with FARDC soldiers in Beni on Sunday.',
         'Armed clash'),
        ('The army and rebel factions reached a truce in Daraa on Sunday.',
         'Agreement'),
        ('Several rebel brigades formed a new coalition in Idlib on Saturday.',
         'Change to group/activity'),
        ('The army foiled a car bomb attack in Mogadishu on Sunday.',
         'Disrupted weapons use'),
        ('Ukrainian air defences shot down 12 Russian drones over Kyiv on Sunday.',
         'Disrupted weapons use'),
        ('Soldiers burned down dozens of homes in a village in Rakhine on Sunday.',
         'Looting/property destruction'),
        ('Taliban fighters detained two journalists in Kabul on Sunday.',
         'Arrests'),
        ('Gunmen shot dead a teacher in Kidal on Sunday.',
         'Attack'),
        ('Militants attacked a mosque in Borno on Sunday, killing 15 worshippers.',
         'Attack'),
        ('Militants attacked an army checkpoint in Sinai on Sunday, killing two soldiers.',
         'Armed clash'),
        ('Police arrested dozens of protesters in Minsk on Sunday.',
         'Protest with intervention'),
        ('Thousands rallied in Tel Aviv on Saturday against the government.',
         'Peaceful protest'),
        ('Rioters torched cars and looted shops in Johannesburg on Sunday.',
         'Violent demonstration'),
        ('Gunmen stormed a village in Zamfara on Sunday and killed 10 civilians.',
         'Attack'),
        ('Militants ambushed a bus carrying civilians near Mandera on Sunday, killing 6 '
         'passengers.',
         'Attack'),
        ('Al-Shabaab fighters raided a village near Baidoa on Sunday, killing four villagers.',
         'Attack'),
        ('Suspected jihadists attacked worshippers at a mosque in Niger on Sunday, killing 12.',
         'Attack'),
        ('Armed men opened fire on a wedding party in Guanajuato on Sunday, killing 8 people.',
         'Attack'),
        ('Gunmen ambushed a military convoy in Tillaberi on Sunday, killing 5 soldiers.',
         'Armed clash'),
        ('Heavy fighting broke out between the army and rebels in Kidal on Sunday.',
         'Armed clash'),
        ('Police shot dead a suspected drug dealer in Manila on Sunday.',
         'Attack'),
        ('Soldiers killed three civilians at a checkpoint in Rakhine on Sunday.',
         'Attack'),
        ('Houthi snipers killed a child in Taiz on Sunday.',
         'Attack'),
        ('Settlers attacked Palestinian farmers near Nablus on Sunday.',
         'Attack'),
        ('Militants attacked a police station in Kunar on Sunday, and police returned fire.',
         'Armed clash'),
        ('A drone strike hit a wedding in Marib on Sunday.',
         'Air/drone strike'),
        ('Police fired tear gas to disperse hundreds of protesters in Nairobi on Sunday.',
         'Protest with intervention'),
        ('Soldiers fired live ammunition at demonstrators in Mandalay on Sunday, killing 7.',
         'Excessive force against protesters'),
        ('Demonstrators clashed with police and burned tyres in Santiago on Sunday.',
         'Violent demonstration'),
        ('Workers staged a sit-in outside the ministry in Tunis on Sunday.',
         'Peaceful protest'),
        ('Police detained 20 protesters during a rally in Moscow on Sunday.',
         'Protest with intervention'),
        ('A mob beat a man to death over blasphemy accusations in Sialkot on Sunday.',
         'Mob violence'),
        ('Villagers lynched two suspected cattle thieves in Kenya on Sunday.',
         'Mob violence'),
        ('Protesters stormed the parliament building in Baghdad on Sunday.',
         'Violent demonstration'),
        ('Government forces regained control of the town of Kidal on Sunday.',
         'Government regains territory'),
        ('The Taliban captured the district of Kunduz on Sunday.',
         'Non-state actor overtakes territory'),
        ('M23 rebels seized the town of Bunagana on Sunday.',
         'Non-state actor overtakes territory'),
        ('The army handed over control of the base to UN peacekeepers in Mali on Sunday.',
         'Non-violent transfer of territory'),
        ('Rebels entered the town of Kidal on Sunday after the army withdrew without resistance.',
         'Non-violent transfer of territory'),
        ('Russian forces set up a new base in Timbuktu on Sunday.',
         'Headquarters or base established'),
        ('The Houthis recruited hundreds of children in Saada this week.',
         'Change to group/activity'),
        ('Security forces detained a journalist in Tehran on Sunday.',
         'Arrests'),
        ('Militants burned down the village school in Borno on Sunday.',
         'Looting/property destruction'),
        ('Soldiers looted shops in Bamenda on Sunday.',
         'Looting/property destruction'),
        ('Israel and Hamas agreed to a ceasefire on Sunday.',
         'Agreement'),
        ('The Taliban released 50 prisoners on Sunday as part of an exchange deal.',
         'Agreement'),
        ('Israeli air defenses intercepted a rocket fired from Gaza on Sunday.',
         'Disrupted weapons use'),
        ('Police found and defused a roadside bomb in Kirkuk on Sunday.',
         'Disrupted weapons use'),
        ('Gunmen kidnapped a priest in Kaduna on Sunday.',
         'Abduction/forced disappearance'),
        ('Soldiers raped two women in a village in Tigray on Sunday.',
         'Sexual violence'),
        ('A roadside bomb killed three soldiers in Diyala on Sunday.',
         'Remote explosive/landmine/IED'),
        ('A suicide bomber blew himself up at a checkpoint in Mogadishu on Sunday.',
         'Suicide bomb'),
        ('A grenade was thrown at a bar in Bujumbura on Sunday, wounding 5.',
         'Grenade'),
        ('Government forces used chlorine gas in Douma on Sunday.',
         'Chemical weapon'),
        ('Russian forces fired rockets at Kharkiv on Sunday.',
         'Shelling/artillery/missile attack'),
        ('A strange incident occurred in Kabul on Sunday when a vehicle was set on fire.',
         'Other'),
    ],
)  # fmt: skip
def test_codebook_types_sub_event_type(text, sub):
    assert first_type(text) == sub


def test_codebook_types_crowd_size_is_no_aggregate():
    text = "Police fired tear gas to disperse 2,000 protesters in Nairobi on Sunday."
    assert first_type(text) == "Protest with intervention"


def test_codebook_types_fighting_as_subject_is_an_event():
    # "fighting broke out": the trigger is the subject, not a war-wide total
    assert first_type(
        "Heavy fighting broke out between the army and rebels in Kidal on Sunday."
    ) == ("Armed clash")
