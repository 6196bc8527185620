#!/usr/bin/env python3
"""Writes conversations.json: two long chats between two friends over months, each with questions whose answers
sit in single earlier turns. The turns that carry facts and the questions were written by hand; the small talk
between them is drawn (with a fixed seed) from hand-written lines, so that the facts sit far apart, as in life."""
import json
import random

SMALL_TALK = [
    "Morning! Did you sleep at all?", "Barely, the neighbours had a party again.", "Ugh, I know that feeling.",
    "What are you up to today?", "Not much, laundry and maybe a walk.", "Sounds like a good lazy day.",
    "The weather cannot decide what it wants.", "It rained twice and then the sun came out like nothing happened.",
    "Have you eaten yet?", "Just some toast, I'll cook later.", "Haha same, toast is a lifestyle.",
    "I'm so tired this week.", "Take it easy, seriously.", "I'll try, no promises.", "Work was a lot today.",
    "Meetings all afternoon, my brain is soup.", "Anything good on TV lately?", "Nothing I'd recommend honestly.",
    "I keep scrolling instead of watching anything.", "Classic.", "Okay I need coffee.", "Make it a big one.",
    "How's your week going?", "Slowly, but it's going.", "Same here, one day at a time.", "lol true",
    "Did you see the sky tonight? So pink.", "Yes! I took a photo but it looks grey on my phone.",
    "Phones never get the colours right.", "Anyway, how are you feeling?", "Better than yesterday, thanks.",
    "Good, that's something.", "I should really clean my room.", "Mine has been a disaster for days.",
    "Talk later? I have to run.", "Sure, go go.", "Back! What did I miss?", "Nothing much, just thinking.",
    "About what?", "Random stuff, nothing important.", "I might go to bed early.", "Good idea, rest up.",
]

CONVERSATIONS = [
    {
        "id": "maren-tobias",
        "speakers": ["maren", "tobias"],
        "sessions": [
            [("maren", "I finally booked the trip: ten days in Hokkaido in February, mostly Sapporo and Otaru."),
             ("tobias", "That is amazing, you have wanted to see the snow festival for years."),
             ("tobias", "My sister Ilka just started her apprenticeship as a carpenter in Bremen.")],
            [("tobias", "I adopted a cat from the shelter on Saturday, a grey tabby, I named her Pfeffer."),
             ("maren", "Pfeffer is a perfect name!"),
             ("maren", "My knee surgery is scheduled for the 14th of November, the doctor says six weeks on crutches.")],
            [("tobias", "I got the job at the observatory in Potsdam, I start as a night technician in January."),
             ("maren", "I signed up for a pottery class on Thursday evenings, the teacher is called Frau Okonkwo.")],
            [("maren", "My grandmother turned ninety-two last weekend and still beat everyone at skat."),
             ("tobias", "I sold my old Vespa to a student from Leipzig for four hundred euros.")],
            [("tobias", "I am learning Portuguese because Ilka's boyfriend is from Recife and I want to talk to his family."),
             ("maren", "I switched to night shifts at the bakery, so I start at three in the morning now.")],
            [("maren", "The pottery teacher said my blue glaze bowl is the best in the class, I gave it to my mother."),
             ("tobias", "Pfeffer knocked my telescope eyepiece off the desk and it cracked, seventy euros gone.")],
            [("tobias", "We are planning a reunion of our old school choir in June at the church in Lüneburg."),
             ("maren", "I decided to run the Hamburg half marathon in April, my goal is under two hours.")],
            [("maren", "The crutches are gone, the physiotherapist says my knee is at ninety percent."),
             ("tobias", "I found out I am allergic to hazelnuts after that cake at the office party.")],
        ],
        "questions": [
            ("Where is Maren going on her trip in February?", [0, 0]),
            ("What did Tobias's sister start in Bremen?", [0, 2]),
            ("What is the name of the cat Tobias adopted?", [1, 0]),
            ("When is Maren's knee surgery?", [1, 2]),
            ("Where does Tobias work now and what is his job?", [2, 0]),
            ("Who teaches Maren's pottery class?", [2, 1]),
            ("How old did Maren's grandmother turn?", [3, 0]),
            ("How much did Tobias get for his Vespa?", [3, 1]),
            ("Why is Tobias learning Portuguese?", [4, 0]),
            ("What time does Maren start work at the bakery?", [4, 1]),
            ("What happened to the bowl with the blue glaze?", [5, 0]),
            ("What did the cat break?", [5, 1]),
            ("Where will the choir reunion take place?", [6, 0]),
            ("Which race is Maren training for?", [6, 1]),
            ("What is Tobias allergic to?", [7, 1]),
        ],
    },
    {
        "id": "dev-keiko",
        "speakers": ["dev", "keiko"],
        "sessions": [
            [("keiko", "I started volunteering at the food bank on Mondays, mostly sorting vegetables."),
             ("dev", "My brother Arjun is getting married in Jaipur in December, the whole family is flying in.")],
            [("dev", "I bought a second-hand piano, an old Yamaha upright, it needs tuning badly."),
             ("keiko", "My daughter Hana lost her first tooth at school and the teacher gave her a tiny envelope for it.")],
            [("keiko", "I passed my driving test on the third try, the examiner was very strict about parking."),
             ("dev", "We moved the office to a converted warehouse near the harbour, the view of the cranes is great.")],
            [("dev", "I have been baking sourdough, my starter is called Bubbles and it lives in the fridge."),
             ("keiko", "My mother is visiting from Osaka for three weeks in March.")],
            [("keiko", "Hana wants to be a marine biologist after we went to the aquarium and saw the octopus."),
             ("dev", "I sprained my wrist at the climbing gym, so no piano for a while.")],
            [("dev", "The wedding in Jaipur was incredible, there were three days of celebrations and an elephant."),
             ("keiko", "I got promoted to head nurse in the children's ward.")],
            [("keiko", "We are repainting Hana's room sea green because of the whole marine biology thing."),
             ("dev", "I am thinking of adopting a retired greyhound, there is a rescue in Kent that places them.")],
            [("dev", "The greyhound arrived, his name is Biscuit and he sleeps twenty hours a day."),
             ("keiko", "I started learning the cello, my teacher lives two floors above us.")],
        ],
        "questions": [
            ("Where does Keiko volunteer on Mondays?", [0, 0]),
            ("Where is Arjun getting married?", [0, 1]),
            ("What kind of piano did Dev buy?", [1, 0]),
            ("What happened to Hana at school?", [1, 1]),
            ("How many tries did Keiko need for her driving test?", [2, 0]),
            ("Where is Dev's new office?", [2, 1]),
            ("What is the name of Dev's sourdough starter?", [3, 0]),
            ("Where is Keiko's mother coming from?", [3, 1]),
            ("What does Hana want to become?", [4, 0]),
            ("How did Dev hurt his wrist?", [4, 1]),
            ("What was special about the wedding?", [5, 0]),
            ("What is Keiko's new position?", [5, 1]),
            ("What colour is Hana's room going to be?", [6, 0]),
            ("What is the greyhound called?", [7, 0]),
            ("Which instrument is Keiko learning?", [7, 1]),
        ],
    },
]


def main():
    rng = random.Random(7)
    out = []
    for conversation in CONVERSATIONS:
        turns, index = [], {}
        for s, session in enumerate(conversation["sessions"]):
            speakers = conversation["speakers"]
            slots = sorted(rng.sample(range(3, 27), len(session)))
            facts = iter(enumerate(session))
            for t in range(30):
                turn_id = f"D{s + 1}:{t + 1}"
                if slots and t == slots[0]:
                    slots.pop(0)
                    f, (speaker, text) = next(facts)
                    index[(s, f)] = turn_id
                else:
                    speaker, text = speakers[t % 2], rng.choice(SMALL_TALK)
                turns.append({"id": turn_id, "speaker": speaker, "text": text})
        questions = [{"question": q, "evidence": [index[tuple(e)]]} for q, e in conversation["questions"]]
        out.append({"id": conversation["id"], "turns": turns, "questions": questions})
    with open("conversations.json", "w") as f:
        json.dump({"conversations": out}, f, indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main()
